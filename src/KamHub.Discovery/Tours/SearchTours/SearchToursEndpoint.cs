using KamHub.Core.Errors;
using KamHub.Discovery.Availability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Caching.Hybrid;

namespace KamHub.Discovery.Tours.SearchTours;

internal static class SearchToursEndpoint
{
    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/api/tours", HandleAsync).AllowAnonymous();

    /// <summary>
    /// The page of tours comes from the search cache; each tour's next departure and seats left are laid over it from
    /// the per-tour departures cache, which Booking's events refresh, so seats are current even on a cached page.
    /// </summary>
    private static async Task<IResult> HandleAsync([AsParameters] SearchToursQuery query, TourSearch search, TourAvailability availability, HybridCache cache,
        CancellationToken ct)
    {
        var (criteria, errors) = SearchCriteria.Parse(query);
        if (criteria is null) return Problems.Validation(errors.ToDictionary());
        var page = await cache.GetOrCreateAsync(criteria.CacheKey(), (search, criteria), static async (s, c) => await s.search.RunAsync(s.criteria, c),
            tags: [TourCache.SearchTag], cancellationToken: ct);
        var items = await availability.WithNextDepartureAsync(page.Items, criteria.Window ?? DepartureWindow.Any, ct);
        return TypedResults.Ok(page with { Items = items });
    }
}
