using KamHub.Core.Caching;
using Microsoft.Extensions.Caching.Hybrid;

namespace KamHub.Discovery.Tours;

/// <summary>Cache keys of the catalog, and the one invalidation every write performs.</summary>
internal static class TourCache
{
    public const string SearchRegion = "search";

    /// <summary>Every search entry carries this tag explicitly (not only through its key's region), so one bump drops them all.</summary>
    public static readonly string SearchTag = CacheKeys.RegionTag(SearchRegion);

    /// <summary>
    /// Searches filtered by departures (date window, seats): their answer changes with every hold, so they live in
    /// their own short-TTL region that availability changes do not flush; the TTL is their staleness bound. They also
    /// carry <see cref="SearchTag"/>, so a tour write drops them with every other search.
    /// </summary>
    public const string WindowSearchRegion = "search-window";

    public static readonly string WindowSearchTag = CacheKeys.RegionTag(WindowSearchRegion);

    public static string ById(Guid id) => $"tours:id:{id:N}";

    public static string BySlug(string slug) => $"tours:slug:{slug}";

    /// <summary>The catalog's summary of one tour, for other modules (<see cref="TourCatalog"/>).</summary>
    public static string Catalog(Guid id) => $"tours:catalog:{id:N}";

    /// <summary>A write changes what any search may return, so the whole search region goes, plus the tour's own entries.</summary>
    public static async Task InvalidateAsync(HybridCache cache, Guid id, string slug, CancellationToken ct)
    {
        await cache.RemoveByTagAsync(SearchTag, ct);
        await cache.RemoveAsync(ById(id), ct);
        await cache.RemoveAsync(Catalog(id), ct);
        await cache.RemoveAsync(BySlug(slug), ct);
    }
}
