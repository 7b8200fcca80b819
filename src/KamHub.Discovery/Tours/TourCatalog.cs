using KamHub.Core.Caching;
using KamHub.Discovery.Contracts;
using KamHub.Discovery.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.Discovery.Tours;

/// <summary>
/// The catalog other modules read (Booking on every hold, for a departure without its own cancellation policy). Cached
/// like the tour pages, under a key the tour's writes drop at once and again from the outbox (<see cref="TourCache"/>).
/// </summary>
internal sealed class TourCatalog(HybridCache cache, IServiceScopeFactory scopes) : ITourCatalog
{
    public async Task<TourSummary?> FindAsync(Guid id, CancellationToken ct) =>
        await cache.GetOrCreateScopedAsync(TourCache.Catalog(id), scopes, id, static (DiscoveryDbContext db, Guid tourId, CancellationToken c) => ReadAsync(db, tourId, c),
            cancellationToken: ct);

    /// <summary>Not cached: read once, by the demo seeder on start.</summary>
    public async Task<IReadOnlyList<TourSummary>> PublishedAsync(int limit, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DiscoveryDbContext>();
        var ids = await db.Tours.AsNoTracking().Where(t => t.Status == TourStatus.Published).OrderBy(t => t.Id).Take(limit).Select(t => t.Id).ToListAsync(ct);
        var tours = new List<TourSummary>(ids.Count);
        foreach (var id in ids)
            if (await ReadAsync(db, id, ct) is { } tour) tours.Add(tour);
        return tours;
    }

    private static async Task<TourSummary?> ReadAsync(DiscoveryDbContext db, Guid id, CancellationToken ct)
    {
        var tour = await db.Tours.AsNoTracking().Where(t => t.Id == id)
            .Select(t => new
            {
                Summary = new TourSummary(t.Id, t.OperatorId, t.Slug, t.TitleRu, t.TitleEn, t.BasePriceMinor, t.Currency, t.DurationMinutes,
                    t.MaxGroupSize, t.Status == TourStatus.Draft ? "draft" : t.Status == TourStatus.Published ? "published" : "archived", t.ChildPriceMinor, null),
                t.CancellationPolicy,
            })
            .FirstOrDefaultAsync(ct);
        // The tiers are stored as JSON: parsed here, after the query, not in SQL.
        return tour is null ? null : tour.Summary with { CancellationPolicy = TourPolicyRules.Read(tour.CancellationPolicy) };
    }
}
