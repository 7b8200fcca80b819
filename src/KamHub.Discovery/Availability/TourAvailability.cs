using KamHub.Core.Caching;
using KamHub.Discovery.Data;
using KamHub.Discovery.Tours;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using KamHub.Core.Time;

namespace KamHub.Discovery.Availability;

/// <summary>
/// A tour's upcoming open departures with seats left, cached per tour (region <c>departures</c>) and dropped by
/// <see cref="DepartureProjection"/> whenever one of them changes, so a hold shows up without flushing any search.
/// Searches and tour details lay these over their cached catalog data.
/// </summary>
internal sealed class TourAvailability(IServiceScopeFactory scopes, HybridCache cache, ILocalCachePeek peek, IOptions<CacheOptions> caching, TimeProvider clock)
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

    /// <summary>
    /// The cached lists of a result page's tours, in the order given: this node's memory first, then one query for all
    /// the tours it lacks (not one per tour: a cold page of 20 tours was 20 round trips), whose lists are then cached
    /// as <see cref="CachedAsync(Guid, CancellationToken)"/> would have cached them one by one.
    /// </summary>
    public async ValueTask<List<UpcomingDeparture>[]> CachedAsync(IReadOnlyList<Guid> tourIds, CancellationToken ct)
    {
        var lists = new List<UpcomingDeparture>[tourIds.Count];
        List<Guid>? missing = null;
        for (var i = 0; i < lists.Length; i++)
        {
            if (peek.TryGet<List<UpcomingDeparture>>(Key(tourIds[i]), out var local)) lists[i] = local;
            else (missing ??= []).Add(tourIds[i]);
        }

        if (missing is null) return lists;
        if (missing.Count == 1)
        {
            Fill(lists, tourIds, missing[0], await CachedAsync(missing[0], ct));
            return lists;
        }

        Dictionary<Guid, List<UpcomingDeparture>> loaded;
        await using (var scope = scopes.CreateAsyncScope())
            loaded = await LoadManyAsync(scope.ServiceProvider.GetRequiredService<DiscoveryDbContext>(), missing, StoredTime.Now(clock), ct);
        foreach (var tourId in missing)
        {
            var list = loaded.GetValueOrDefault(tourId) ?? [];
            // The same instance that is cached: a rendered answer recognises it by reference on the next request.
            if (caching.Value.Enabled) await cache.SetAsync(Key(tourId), list, cancellationToken: ct);
            Fill(lists, tourIds, tourId, list);
        }

        return lists;
    }

    private static void Fill(List<UpcomingDeparture>[] lists, IReadOnlyList<Guid> tourIds, Guid tourId, List<UpcomingDeparture> list)
    {
        for (var i = 0; i < lists.Length; i++)
        {
            if (tourIds[i] == tourId) lists[i] = list;
        }
    }

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
        var rows = await Open(db, now).Where(d => d.TourId == tourId)
            .OrderBy(d => d.StartsAt).ThenBy(d => d.DepartureId).Take(MaxListed)
            .Select(d => new { d.DepartureId, d.StartsAt, d.StartsLocal, d.SeatsLeft, d.BookableUntil }).ToListAsync(ct);
        return rows.Select(d => new UpcomingDeparture(d.DepartureId, Utc(d.StartsAt!.Value), Utc(d.StartsLocal ?? d.StartsAt.Value), d.SeatsLeft,
            d.BookableUntil is { } until ? Utc(until) : null)).ToList();
    }

    /// <summary>Several tours' lists in one query, each ordered and cut at <see cref="MaxListed"/> as <see cref="LoadAsync"/> does.</summary>
    private static async Task<Dictionary<Guid, List<UpcomingDeparture>>> LoadManyAsync(DiscoveryDbContext db, List<Guid> tourIds, DateTime now, CancellationToken ct)
    {
        var rows = await Open(db, now).Where(d => tourIds.Contains(d.TourId))
            .OrderBy(d => d.TourId).ThenBy(d => d.StartsAt).ThenBy(d => d.DepartureId)
            .Select(d => new { d.TourId, d.DepartureId, d.StartsAt, d.StartsLocal, d.SeatsLeft, d.BookableUntil }).ToListAsync(ct);
        return rows.GroupBy(d => d.TourId).ToDictionary(g => g.Key, g => g.Take(MaxListed)
            .Select(d => new UpcomingDeparture(d.DepartureId, Utc(d.StartsAt!.Value), Utc(d.StartsLocal ?? d.StartsAt.Value), d.SeatsLeft,
                d.BookableUntil is { } until ? Utc(until) : null)).ToList());
    }

    private static IQueryable<TourDeparture> Open(DiscoveryDbContext db, DateTime now) =>
        db.Departures.AsNoTracking().Where(d => !d.Cancelled && d.StartsAt > now && (d.BookableUntil == null || d.BookableUntil > now));

    private static DateTime Utc(DateTime stored) => DateTime.SpecifyKind(stored, DateTimeKind.Utc);
}
