using System.Collections.Concurrent;
using KamHub.Core.Data;
using KamHub.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KamHub.Core.Events;

/// <summary>
/// Dispatch loops (see EventBusOptions.DispatchLoops) per module database with an outbox: claim a batch of stream heads under a lease, run them in parallel,
/// record the outcomes, repeat; when idle, sleep until a local commit signals or the poll interval passes.
/// </summary>
internal sealed class EventDispatcher(
    IServiceScopeFactory scopes,
    EventStores stores,
    DeliveryRunner runner,
    EventSubscriptions subscriptions,
    HandlerPace pace,
    OutboxSignal signal,
    EventMetrics metrics,
    IOptions<EventBusOptions> options,
    TimeProvider clock,
    ILogger<EventDispatcher> logger) : BackgroundService
{
    /// <summary>Names this process in leases, so an operator can see who holds a delivery.</summary>
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatcherEnabled || stores.All.Count == 0) return Task.CompletedTask;
        return Task.WhenAll(stores.All.Select(store => Task.Run(() => RunLoopsAsync(store, stoppingToken), stoppingToken)));
    }

    private async Task RunLoopsAsync(EventStore store, CancellationToken stop)
    {
        var loops = options.Value.DispatchLoops ?? await DefaultLoopsAsync(store);
        await Task.WhenAll(Enumerable.Range(0, loops).Select(index => Task.Run(() => RunAsync(store, loops, index == 0, stop), stop)));
    }

    /// <summary>
    /// How much longer than <see cref="EventBusOptions.PollInterval"/> a helper loop (every loop but the first of a module
    /// database) sleeps when idle. Only the first loop needs to poll for other instances' commits and retries coming due:
    /// a claim that comes back full wakes a helper, and so does a local commit while the first loop is busy. When every
    /// loop polled, an idle instance on PostgreSQL ran four claims a second per module database, and each new connection
    /// planned the claim afresh: most of PostgreSQL's CPU in the test suite (bench notes in docs/benchmarks.md).
    /// The helpers' own long poll is only a safety net.
    /// </summary>
    internal const int HelperPollFactor = 10;

    private async Task<int> DefaultLoopsAsync(EventStore store)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(store.ContextType);
        return db.Database.IsNpgsql() ? 4 : 1;
    }

    private async Task RunAsync(EventStore store, int loops, bool polls, CancellationToken stop)
    {
        var settings = options.Value;
        var concurrency = Math.Max(1, (int)Math.Ceiling(settings.MaxConcurrency / (double)loops));
        var idle = polls ? settings.PollInterval : settings.PollInterval * HelperPollFactor;
        var failures = 0;
        // A helper starts asleep: the first loop's first claim finds any backlog and, if it is a full batch, wakes it.
        if (!polls)
        {
            try
            {
                await SleepAsync(store, idle, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }

        while (!stop.IsCancellationRequested)
        {
            try
            {
                var worked = await DispatchOnceAsync(store, stop, concurrency);
                failures = 0;
                if (worked) continue;
                await SleepAsync(store, idle, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database is down or not migrated yet: keep trying, but do not flood the log or the database.
                failures++;
                logger.LogWarning(ex, "Event dispatcher for {Module} failed ({Failures} in a row)", store.Module, failures);
                await Task.Delay(TimeSpan.FromTicks(Math.Min(settings.PollInterval.Ticks * failures, TimeSpan.FromSeconds(30).Ticks)), clock, stop)
                    .ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Until a local commit wakes this loop or the poll interval passes (on the injected clock).</summary>
    private async Task SleepAsync(EventStore store, TimeSpan poll, CancellationToken stop)
    {
        using var timeout = new CancellationTokenSource(poll, clock);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stop);
        try
        {
            await signal.WaitAsync(store.ContextType, wait.Token);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            // The poll interval passed: look for work of other instances and retries coming due.
        }
    }

    /// <summary>Claims and runs one batch; false when there was nothing due.</summary>
    internal async Task<bool> DispatchOnceAsync(EventStore store, CancellationToken stop, int? concurrency = null)
    {
        var settings = options.Value;
        IReadOnlyList<ClaimedDelivery> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(store.ContextType);
            claimed = await DeliveryClaims.ClaimAsync(db, Owner, settings.BatchSize, clock.GetUtcNow().UtcDateTime, settings.LeaseDuration, stop);
        }

        metrics.Claimed(store.Module, claimed.Count);
        if (claimed.Count == 0) return false;
        // A full batch means more is waiting: let another loop claim beside this one.
        if (claimed.Count >= settings.BatchSize) signal.Notify(store.ContextType);

        var outcomes = new ConcurrentBag<DeliveryOutcome>();
        await Parallel.ForEachAsync(Chunks(claimed, concurrency ?? settings.MaxConcurrency, settings.MaxChunkSize, TransactionKey), new ParallelOptions { MaxDegreeOfParallelism = concurrency ?? settings.MaxConcurrency },
            async (chunk, _) =>
            {
                var results = await runner.RunChunkAsync(chunk, stop);
                // A handled delivery with a follower holds up the rest of its stream until it is recorded: record this
                // chunk now and wake an idle loop for the follower, rather than when the slowest chunk of the batch is
                // done (at a steady rate that wait was the tail of the latency; bench/events).
                if (results.Any(o => o.Delivery.HasFollower && (o.Result is DeliveryResult.Handled or DeliveryResult.Duplicate)))
                {
                    await RecordAsync(store, results, settings);
                    signal.Notify(store.ContextType);
                    return;
                }

                foreach (var outcome in results) outcomes.Add(outcome);
            });
        if (!outcomes.IsEmpty) await RecordAsync(store, outcomes, settings);
        return true;
    }

    /// <summary>
    /// A chunk is split for parallelism only while every part keeps at least this many deliveries. Each chunk is a
    /// transaction of three round trips and a commit; on two cores the context switches of parallel transactions cost
    /// more than they save for small chunks (bench/events: at 1,000 events/s a claim holds about 50 deliveries for three
    /// subscribers of one module, which were three transactions, now one).
    /// </summary>
    internal const int ParallelChunkFloor = 64;

    /// <summary>
    /// Deliveries with the same <paramref name="transactionKey"/> (of their subscriber's name) share chunks, in
    /// subscriber then claim order: the dispatcher gives quick subscribers of one module database one key, so they
    /// share a transaction instead of one each. A group is cut into as few chunks as <paramref name="maxChunkSize"/>
    /// allows, or into up to <paramref name="concurrency"/> when each still holds <see cref="ParallelChunkFloor"/>.
    /// </summary>
    internal static IEnumerable<ClaimedDelivery[]> Chunks(IEnumerable<ClaimedDelivery> deliveries, int concurrency, int maxChunkSize, Func<string, object> transactionKey) =>
        deliveries.GroupBy(d => transactionKey(d.Subscriber)).SelectMany(group =>
        {
            var list = group.OrderBy(d => d.Subscriber, StringComparer.Ordinal).ThenBy(d => d.Id).ToList();
            var parts = Math.Max((list.Count + maxChunkSize - 1) / maxChunkSize, Math.Min(concurrency, Math.Max(1, list.Count / ParallelChunkFloor)));
            return list.Chunk((list.Count + parts - 1) / parts);
        });

    /// <summary>
    /// The module database a subscriber records in (its DbContext type) when its handlers are quick (<see cref="HandlerPace"/>);
    /// a slow, new or unknown subscriber stands alone, so it never holds up another's commit.
    /// </summary>
    private object TransactionKey(string subscriber) =>
        pace.IsQuick(subscriber) ? (object?)subscriptions.Find(subscriber)?.ContextType ?? subscriber : subscriber;

    private async Task RecordAsync(EventStore store, IReadOnlyCollection<DeliveryOutcome> outcomes, EventBusOptions settings)
    {
        // Outcomes are written even while stopping: a handled delivery left pending would only run again (harmlessly).
        await using var scope = scopes.CreateAsyncScope();
        var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(store.ContextType);
        var now = clock.GetUtcNow();
        var done = outcomes.Where(o => o.Result is DeliveryResult.Handled or DeliveryResult.Duplicate).ToList();
        if (done.Count > 0)
        {
            await DeliveryClaims.CompleteAsync(db, done.Select(o => o.Delivery.Id).ToList(), Owner, now.UtcDateTime, CancellationToken.None);
            foreach (var outcome in done)
            {
                var envelope = outcome.Delivery.Envelope;
                metrics.Delivered(envelope.Type, outcome.Delivery.Subscriber);
                if (outcome.Result == DeliveryResult.Handled && !envelope.IsReplay)
                    metrics.HandleLatency(now - envelope.OccurredAt, outcome.Delivery.Subscriber);
            }
        }

        foreach (var failed in outcomes.Where(o => o.Result == DeliveryResult.Failed))
        {
            var attempts = failed.Delivery.Attempts + 1;
            var dead = attempts >= settings.MaxAttempts;
            metrics.Failed(failed.Delivery.Envelope.Type, failed.Delivery.Subscriber);
            if (dead)
            {
                metrics.DeadLettered(failed.Delivery.Envelope.Type, failed.Delivery.Subscriber);
                logger.LogError(failed.Error, "Delivery {DeliveryId} of {EventType} {EventId} to {Subscriber} is a dead letter after {Attempts} attempts; its aggregate {AggregateId} is parked for that subscriber",
                    failed.Delivery.Id, failed.Delivery.Envelope.Type, failed.Delivery.Envelope.Id, failed.Delivery.Subscriber, attempts, failed.Delivery.Envelope.AggregateId);
            }

            var next = now + RetryBackoff.After(attempts, settings.RetryBaseDelay, settings.MaxRetryDelay);
            await DeliveryClaims.FailAsync(db, failed.Delivery.Id, Owner, dead, next.UtcDateTime, failed.Error?.ToString() ?? "unknown error", now.UtcDateTime, CancellationToken.None);
        }

        var cancelled = outcomes.Where(o => o.Result == DeliveryResult.Cancelled).Select(o => o.Delivery.Id).ToList();
        if (cancelled.Count > 0) await DeliveryClaims.ReleaseAsync(db, cancelled, Owner, CancellationToken.None);
    }
}
