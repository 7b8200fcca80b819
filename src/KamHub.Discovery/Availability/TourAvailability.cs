using KamHub.Core.Caching;
using KamHub.Discovery.Data;
using KamHub.Discovery.Tours;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using KamHub.Core.Time;

namespace KamHub.Discovery.Availability;

/// <summary>
/// A tour's upcoming open departures with seats left, cached per tour (region <c>departures</c>) and dropped by
/// <see cref="DepartureProjection"/> whenever one of them changes, so a hold shows up without flushing any search.
/// Searches and tour details lay these over their cached catalog data.
/// </summary>
internal sealed class TourAvailability(IServiceScopeFactory scopes, HybridCache cache, ILocalCachePeek peek, TimeProvider clock)
{
    /// <summary>A daily tour for a year and more; a window beyond the first 500 departures shows no next departure.</summary>
    public const int MaxListed = 500;

    public static string Key(Guid tourId) => $"departures:{tourId:N}";

    public async Task<IReadOnlyList<UpcomingDeparture>> UpcomingAsync(Guid tourId, CancellationToken ct)
    {
        var now = StoredTime.Now(clock);
        var cached = await CachedAsync(tourId, ct);
        // The entry was built a while ago: departures whose cut-off passed since then can no longer be booked.
        return cached.Where(d => d.IsOpen(now)).ToList();
    }

    /// <summary>
    /// The cached list itself, unfiltered: the same instance until Booking's events drop it (or its TTL ends), so a
    /// rendered search answer can tell by reference that it was built from current seats. May hold departures that
    /// have started since it was loaded; <see cref="DepartureWindow.Matches"/> skips them.
    /// </summary>
    public ValueTask<List<UpcomingDeparture>> CachedAsync(Guid tourId, CancellationToken ct) =>
        peek.TryGet<List<UpcomingDeparture>>(Key(tourId), out var local) ? ValueTask.FromResult(local) : cache.GetOrCreateScopedAsync(Key(tourId), scopes, (TourId: tourId, Now: StoredTime.Now(clock)),
            static (DiscoveryDbContext db, (Guid TourId, DateTime Now) s, CancellationToken c) => LoadAsync(db, s.TourId, s.Now, c), cancellationToken: ct);

    /// <summary>The first departure of a cached list that matches the window at <paramref name="now"/>.</summary>
    public static UpcomingDeparture? FirstMatch(List<UpcomingDeparture> cached, DepartureWindow window, DateTime now)
    {
        foreach (var departure in cached)
        {
            if (window.Matches(departure, now)) return departure;
        }

        return null;
    }

    private static async Task<List<UpcomingDeparture>> LoadAsync(DiscoveryDbContext db, Guid tourId, DateTime now, CancellationToken ct)
    {
        var rows = await db.Departures.AsNoTracking()
            .Where(d => d.TourId == tourId && !d.Cancelled && d.StartsAt > now && (d.BookableUntil == null || d.BookableUntil > now))
            .OrderBy(d => d.StartsAt).ThenBy(d => d.DepartureId).Take(MaxListed)
            .Select(d => new { d.DepartureId, d.StartsAt, d.StartsLocal, d.SeatsLeft, d.BookableUntil }).ToListAsync(ct);
        return rows.Select(d => new UpcomingDeparture(d.DepartureId, Utc(d.StartsAt!.Value), Utc(d.StartsLocal ?? d.StartsAt.Value), d.SeatsLeft,
            d.BookableUntil is { } until ? Utc(until) : null)).ToList();
    }

    private static DateTime Utc(DateTime stored) => DateTime.SpecifyKind(stored, DateTimeKind.Utc);
}
