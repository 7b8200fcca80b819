using KamHub.Core.Monitoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KamHub.Core.Events;

internal enum DeliveryResult
{
    Handled,

    /// <summary>The inbox already had it: an earlier delivery's effect stands, nothing ran again.</summary>
    Duplicate,
    Failed,
    Cancelled,
}

internal sealed record DeliveryOutcome(ClaimedDelivery Delivery, DeliveryResult Result, Exception? Error = null);

/// <summary>
/// Runs one delivery: in the subscriber module's own transaction, writes its inbox record, runs the handler,
/// commits. The event's correlation id is on every log line the handler writes (a logging scope).
/// </summary>
internal sealed class DeliveryRunner(IServiceScopeFactory scopes, EventSubscriptions subscriptions, TimeProvider clock, ILogger<DeliveryRunner> logger)
{
    /// <summary>
    /// The claimed deliveries whose subscriber already recorded them in its inbox: one query per subscriber database for
    /// the whole batch, instead of one per delivery. A duplicate racing in after this check still collides on the
    /// inbox key at commit and is recognised then.
    /// </summary>
    public async Task<HashSet<long>> AlreadyHandledAsync(IReadOnlyList<ClaimedDelivery> batch, CancellationToken ct)
    {
        var handled = new HashSet<long>();
        foreach (var group in batch.GroupBy(d => subscriptions.Find(d.Subscriber)?.ContextType).Where(g => g.Key is not null))
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(group.Key!);
            var eventIds = group.Select(d => d.Envelope.Id).Distinct().ToList();
            var found = (await db.Set<InboxEntry>().AsNoTracking().Where(i => eventIds.Contains(i.EventId))
                    .Select(i => new { i.Subscriber, i.EventId, i.ReplayId }).ToListAsync(ct))
                .Select(i => (i.Subscriber, i.EventId, i.ReplayId)).ToHashSet();
            foreach (var delivery in group)
            {
                if (found.Contains((delivery.Subscriber, delivery.Envelope.Id, delivery.Envelope.ReplayId ?? Guid.Empty))) handled.Add(delivery.Id);
            }
        }

        return handled;
    }

    /// <summary>
    /// Runs several deliveries of one subscriber (different aggregates: a claim holds one head per stream) in one
    /// transaction, one commit instead of many. Any failure rolls the whole chunk back and each delivery then runs
    /// alone, so a bad event never costs the others an attempt; handlers must therefore tolerate running again, which
    /// at-least-once delivery asks of them anyway.
    /// </summary>
    public async Task<IReadOnlyList<DeliveryOutcome>> RunChunkAsync(IReadOnlyList<ClaimedDelivery> chunk, CancellationToken ct)
    {
        var subscription = subscriptions.Find(chunk[0].Subscriber);
        if (chunk.Count > 1 && subscription is not null)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = (DbContext)scope.ServiceProvider.GetRequiredService(subscription.ContextType);
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                foreach (var delivery in chunk) await HandleAsync(scope.ServiceProvider, db, subscription, delivery.Envelope, ct);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return chunk.Select(d => new DeliveryOutcome(d, DeliveryResult.Handled)).ToList();
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return chunk.Select(d => new DeliveryOutcome(d, DeliveryResult.Cancelled)).ToList();
            }
            catch (Exception ex)
            {
                logger.LogDebug(ex, "A chunk of {Count} deliveries to {Subscriber} failed; running them one by one", chunk.Count, subscription.Name);
            }
        }

        var outcomes = new List<DeliveryOutcome>(chunk.Count);
        foreach (var delivery in chunk) outcomes.Add(await RunAsync(delivery, ct));
        return outcomes;
    }

    public async Task<DeliveryOutcome> RunAsync(ClaimedDelivery delivery, CancellationToken ct)
    {
        var envelope = delivery.Envelope;
        var subscription = subscriptions.Find(delivery.Subscriber);
        if (subscription is null)
            return new DeliveryOutcome(delivery, DeliveryResult.Failed, new InvalidOperationException($"No subscriber '{delivery.Subscriber}' is registered in this process."));

        await using var scope = scopes.CreateAsyncScope();
        var db = (DbContext)scope.ServiceProvider.GetRequiredService(subscription.ContextType);
        var replayId = envelope.ReplayId ?? Guid.Empty;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await HandleAsync(scope.ServiceProvider, db, subscription, envelope, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new DeliveryOutcome(delivery, DeliveryResult.Handled);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return new DeliveryOutcome(delivery, DeliveryResult.Cancelled);
        }
        catch (Exception ex)
        {
            // Two instances racing on one delivery (a lease taken over): the loser's inbox insert collides; not a failure.
            if (ex is DbUpdateException && await HandledInFreshScopeAsync(subscription, envelope.Id, replayId, ct))
                return new DeliveryOutcome(delivery, DeliveryResult.Duplicate);
            using var logScope = LogScope(envelope, subscription);
            logger.LogWarning(ex, "Handler {Subscriber} failed on {EventType} {EventId} (attempt {Attempt})",
                subscription.Name, envelope.Type, envelope.Id, delivery.Attempts + 1);
            return new DeliveryOutcome(delivery, DeliveryResult.Failed, ex);
        }
    }

    /// <summary>The inbox record and the handler's work, with the event's correlation id on every log line the handler writes.</summary>
    private async Task HandleAsync(IServiceProvider services, DbContext db, EventSubscription subscription, EventEnvelope envelope, CancellationToken ct)
    {
        using var logScope = LogScope(envelope, subscription);
        using var activity = KamHubMetrics.ActivitySource.StartActivity($"event {envelope.Type} -> {subscription.Name}");
        activity?.SetTag("correlation.id", envelope.CorrelationId);
        using var handling = EventHandlingScope.Enter(envelope);
        db.Add(new InboxEntry { Subscriber = subscription.Name, EventId = envelope.Id, ReplayId = envelope.ReplayId ?? Guid.Empty, HandledAt = clock.GetUtcNow().UtcDateTime });
        var handler = (IEventHandler)services.GetRequiredService(subscription.HandlerType);
        await handler.HandleAsync(envelope, ct);
    }

    private IDisposable? LogScope(EventEnvelope envelope, EventSubscription subscription) => logger.BeginScope(new Dictionary<string, object>
    {
        ["CorrelationId"] = envelope.CorrelationId,
        ["EventId"] = envelope.Id,
        ["EventType"] = envelope.Type,
        ["Subscriber"] = subscription.Name,
    });

    private static Task<bool> HandledBeforeAsync(DbContext db, string subscriber, Guid eventId, Guid replayId, CancellationToken ct) =>
        db.Set<InboxEntry>().AnyAsync(i => i.Subscriber == subscriber && i.EventId == eventId && i.ReplayId == replayId, ct);

    private async Task<bool> HandledInFreshScopeAsync(EventSubscription subscription, Guid eventId, Guid replayId, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(subscription.ContextType);
            return await HandledBeforeAsync(db, subscription.Name, eventId, replayId, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false;
        }
    }
}
