using System.Diagnostics;
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
/// Runs deliveries: in the subscriber module's own transaction, writes their inbox records, runs the handlers of those
/// not handled before, commits. The event's correlation id is on every log line a handler writes.
/// </summary>
internal sealed class DeliveryRunner(IServiceScopeFactory scopes, EventSubscriptions subscriptions, HandlerPace pace, TimeProvider clock, ILogger<DeliveryRunner> logger)
{
    /// <summary>
    /// Runs a chunk in one transaction of the module database its subscribers record in: several subscribers of one
    /// module share it (the dispatcher only mixes subscribers of one module database), one commit instead of one per
    /// subscriber. A claim holds one head per stream, so no two deliveries of a chunk belong to one subscriber's stream.
    /// If the shared transaction fails, each subscriber's part runs again on its own, so a failing subscriber does not
    /// cost the others more than that one rollback.
    /// </summary>
    public async Task<IReadOnlyList<DeliveryOutcome>> RunChunkAsync(IReadOnlyList<ClaimedDelivery> chunk, CancellationToken ct)
    {
        var parts = chunk.GroupBy(d => d.Subscriber, StringComparer.Ordinal).Select(g => g.ToList()).ToList();
        if (parts.Count == 1) return await RunSubscriberChunkAsync(chunk, ct);
        var subscribed = parts.Select(p => (Subscription: subscriptions.Find(p[0].Subscriber), Deliveries: (IReadOnlyList<ClaimedDelivery>)p)).ToList();
        if (subscribed.All(p => p.Subscription is not null) && subscribed.Select(p => p.Subscription!.ContextType).Distinct().Count() == 1
            && await TryInOneTransactionAsync(subscribed.Select(p => (p.Subscription!, p.Deliveries)).ToList(), ct) is { } together)
            return together;

        var outcomes = new List<DeliveryOutcome>(chunk.Count);
        foreach (var part in parts) outcomes.AddRange(await RunSubscriberChunkAsync(part, ct));
        return outcomes;
    }

    /// <summary>
    /// Runs several deliveries of one subscriber (different aggregates: a claim holds one head per stream) in one
    /// transaction, one commit instead of many. Any failure rolls the whole chunk back and each delivery then runs
    /// alone, so a bad event never costs the others an attempt; handlers must therefore tolerate running again, which
    /// at-least-once delivery asks of them anyway.
    /// </summary>
    private async Task<IReadOnlyList<DeliveryOutcome>> RunSubscriberChunkAsync(IReadOnlyList<ClaimedDelivery> chunk, CancellationToken ct)
    {
        var subscription = subscriptions.Find(chunk[0].Subscriber);
        if (subscription is null)
        {
            var missing = new InvalidOperationException($"No subscriber '{chunk[0].Subscriber}' is registered in this process.");
            return chunk.Select(d => new DeliveryOutcome(d, DeliveryResult.Failed, missing)).ToList();
        }

        if (chunk.Count > 1 && await TryInOneTransactionAsync([(subscription, chunk)], ct) is { } together) return together;

        var outcomes = new List<DeliveryOutcome>(chunk.Count);
        foreach (var delivery in chunk) outcomes.Add(await RunAloneAsync(subscription, delivery, ct));
        return outcomes;
    }

    /// <summary>The chunk in one transaction; null when that failed (it rolled back whole and its parts run again smaller).</summary>
    private async Task<IReadOnlyList<DeliveryOutcome>?> TryInOneTransactionAsync(
        IReadOnlyList<(EventSubscription Subscription, IReadOnlyList<ClaimedDelivery> Deliveries)> parts, CancellationToken ct)
    {
        try
        {
            return await RunInOneTransactionAsync(parts, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return parts.SelectMany(p => p.Deliveries).Select(d => new DeliveryOutcome(d, DeliveryResult.Cancelled)).ToList();
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "A chunk of {Count} deliveries to {Subscribers} failed; running it again in smaller parts",
                parts.Sum(p => p.Deliveries.Count), string.Join(", ", parts.Select(p => p.Subscription.Name)));
            return null;
        }
    }

    private async Task<DeliveryOutcome> RunAloneAsync(EventSubscription subscription, ClaimedDelivery delivery, CancellationToken ct)
    {
        try
        {
            return (await RunInOneTransactionAsync([(subscription, [delivery])], ct))[0];
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return new DeliveryOutcome(delivery, DeliveryResult.Cancelled);
        }
        catch (Exception ex)
        {
            var envelope = delivery.Envelope;
            using var logScope = LogScope(envelope, subscription);
            logger.LogWarning(ex, "Handler {Subscriber} failed on {EventType} {EventId} (attempt {Attempt})",
                subscription.Name, envelope.Type, envelope.Id, delivery.Attempts + 1);
            return new DeliveryOutcome(delivery, DeliveryResult.Failed, ex);
        }
    }

    /// <summary>
    /// One transaction of the subscribers' module database: the inbox records of every delivery (one statement), the
    /// handlers of the new ones, subscriber by subscriber, one SaveChanges, one commit.
    /// </summary>
    private async Task<IReadOnlyList<DeliveryOutcome>> RunInOneTransactionAsync(
        IReadOnlyList<(EventSubscription Subscription, IReadOnlyList<ClaimedDelivery> Deliveries)> parts, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = (DbContext)scope.ServiceProvider.GetRequiredService(parts[0].Subscription.ContextType);
        // The bus owns the transaction and rolls all of it back on any failure: EF's savepoint around SaveChanges
        // would only add two round trips (the pooled context resets this setting when it goes back).
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var all = parts.SelectMany(p => p.Deliveries).ToList();
        var fresh = await InboxRecorder.RecordNewAsync(db, all, clock.GetUtcNow().UtcDateTime, ct);
        if (fresh.Count > 0)
        {
            foreach (var (subscription, deliveries) in parts)
            {
                var toRun = deliveries.Where(d => fresh.Contains(d.Id)).ToList();
                if (toRun.Count == 0) continue;
                var handler = scope.ServiceProvider.GetRequiredService(subscription.HandlerType);
                var started = Stopwatch.GetTimestamp();
                if (handler is IEventBatchHandler batch)
                {
                    await HandleBatchAsync(batch, subscription, toRun.Select(d => d.Envelope).ToList(), ct);
                }
                else
                {
                    foreach (var delivery in toRun) await HandleAsync((IEventHandler)handler, subscription, delivery.Envelope, ct);
                }

                pace.Record(subscription.Name, Stopwatch.GetElapsedTime(started));
            }

            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return all.Select(d => new DeliveryOutcome(d, fresh.Contains(d.Id) ? DeliveryResult.Handled : DeliveryResult.Duplicate)).ToList();
    }

    /// <summary>The handler's work, with the event's correlation id on every log line the handler writes.</summary>
    private async Task HandleAsync(IEventHandler handler, EventSubscription subscription, EventEnvelope envelope, CancellationToken ct)
    {
        using var logScope = LogScope(envelope, subscription);
        using var activity = KamHubMetrics.ActivitySource.StartActivity($"event {envelope.Type} -> {subscription.Name}");
        activity?.SetTag("correlation.id", envelope.CorrelationId);
        using var handling = EventHandlingScope.Enter(envelope);
        await handler.HandleAsync(envelope, ct);
    }

    /// <summary>A batch handler's work: one log scope and one trace span for the chunk; a single event keeps its correlation id.</summary>
    private async Task HandleBatchAsync(IEventBatchHandler handler, EventSubscription subscription, IReadOnlyList<EventEnvelope> envelopes, CancellationToken ct)
    {
        using var logScope = envelopes.Count == 1 ? LogScope(envelopes[0], subscription) : logger.BeginScope(new LogScope
        {
            ["Subscriber"] = subscription.Name,
            ["EventCount"] = envelopes.Count,
        });
        using var activity = KamHubMetrics.ActivitySource.StartActivity($"events x{envelopes.Count} -> {subscription.Name}");
        await handler.HandleAsync(envelopes, ct);
    }

    private IDisposable? LogScope(EventEnvelope envelope, EventSubscription subscription) => logger.BeginScope(new LogScope
    {
        ["CorrelationId"] = envelope.CorrelationId,
        ["EventId"] = envelope.Id,
        ["EventType"] = envelope.Type,
        ["Subscriber"] = subscription.Name,
    });
}
