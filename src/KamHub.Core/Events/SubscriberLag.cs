using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.Core.Events;

/// <summary>
/// The lag gauges' figures only: per subscriber, its open deliveries (pending or dead) and the age of the oldest, from
/// one grouped query per module over the (status, id) index. The admin view (<see cref="EventAdmin.SubscriptionsAsync"/>)
/// also works out positions and parked aggregates, which walks each subscriber's whole history in every module:
/// far too heavy to run every few seconds on a busy server, where it showed as most of an idle server's CPU.
/// </summary>
internal static class SubscriberLag
{
    public static async Task<IReadOnlyList<(string Subscriber, long Events, double Seconds)>> SampleAsync(
        IServiceProvider services, EventStores stores, EventSubscriptions subscriptions, DateTime now, CancellationToken ct)
    {
        var open = subscriptions.All.ToDictionary(s => s.Name, _ => (Events: 0L, Oldest: (DateTime?)null), StringComparer.Ordinal);
        foreach (var store in stores.All)
        {
            var db = (DbContext)services.GetRequiredService(store.ContextType);
            var rows = await db.Set<EventDelivery>().AsNoTracking()
                .Where(d => d.Status == DeliveryStatus.Pending || d.Status == DeliveryStatus.Dead)
                .GroupBy(d => d.Subscriber)
                .Select(g => new { Subscriber = g.Key, Count = g.LongCount(), Oldest = g.Min(d => d.CreatedAt) })
                .ToListAsync(ct);
            foreach (var row in rows)
            {
                if (!open.TryGetValue(row.Subscriber, out var sum)) continue; // a subscriber of another process
                open[row.Subscriber] = (sum.Events + row.Count, sum.Oldest is { } o && o < row.Oldest ? o : row.Oldest);
            }
        }

        return open.Select(p => (p.Key, p.Value.Events,
            p.Value.Oldest is { } oldest ? Math.Max(0, (now - DateTime.SpecifyKind(oldest, DateTimeKind.Utc)).TotalSeconds) : 0)).ToList();
    }
}
