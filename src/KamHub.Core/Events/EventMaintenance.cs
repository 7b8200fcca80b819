using KamHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KamHub.Core.Events;

/// <summary>
/// Periodically refreshes the lag gauges and applies retention: history older than the retention whose deliveries
/// are all finished goes (its deliveries with it), and so do inbox records of that age. Events still pending or dead
/// are never removed.
/// </summary>
internal sealed class EventMaintenance(
    IServiceScopeFactory scopes,
    EventStores stores,
    EventSubscriptions subscriptions,
    EventMetrics metrics,
    IOptions<EventBusOptions> options,
    TimeProvider clock,
    ILogger<EventMaintenance> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatcherEnabled || stores.All.Count == 0) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.MaintenanceInterval, clock, stoppingToken);
                await SampleLagAsync(stoppingToken);
                await ApplyRetentionAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Event maintenance failed; trying again in {Interval}", options.Value.MaintenanceInterval);
            }
        }
    }

    private async Task SampleLagAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        foreach (var (subscriber, events, seconds) in await SubscriberLag.SampleAsync(scope.ServiceProvider, stores, subscriptions, clock.GetUtcNow().UtcDateTime, ct))
            metrics.Lag(subscriber, events, seconds);
    }

    internal async Task<int> ApplyRetentionAsync(CancellationToken ct)
    {
        var cutoff = (clock.GetUtcNow() - options.Value.Retention).UtcDateTime;
        var removed = 0;
        await using var scope = scopes.CreateAsyncScope();
        foreach (var store in stores.All)
        {
            var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(store.ContextType);
            var deliveries = db.Set<EventDelivery>();
            var old = db.Set<OutboxEvent>().Where(e => e.OccurredAt < cutoff &&
                !deliveries.Any(d => d.EventId == e.Id && (d.Status == DeliveryStatus.Pending || d.Status == DeliveryStatus.Dead)));
            await deliveries.Where(d => old.Any(e => e.Id == d.EventId)).ExecuteDeleteAsync(ct);
            removed += await old.ExecuteDeleteAsync(ct);
        }

        foreach (var contextType in subscriptions.All.Select(s => s.ContextType).Concat(stores.All.Select(s => s.ContextType)).Distinct())
        {
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(contextType);
            await db.Set<InboxEntry>().Where(i => i.HandledAt < cutoff).ExecuteDeleteAsync(ct);
        }

        if (removed > 0) logger.LogInformation("Event retention removed {Count} events older than {Cutoff:O}", removed, cutoff);
        return removed;
    }
}
