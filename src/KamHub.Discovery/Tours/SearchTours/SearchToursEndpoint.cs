using KamHub.Core.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Caching.Hybrid;

namespace KamHub.Discovery.Tours.SearchTours;

internal static class SearchToursEndpoint
{
    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/api/tours", HandleAsync).AllowAnonymous();

    private static async Task<IResult> HandleAsync([AsParameters] SearchToursQuery query, TourSearch search, HybridCache cache, CancellationToken ct)
    {
        var (criteria, errors) = SearchCriteria.Parse(query);
        if (criteria is null) return Problems.Validation(errors.ToDictionary());
        var page = await cache.GetOrCreateAsync(criteria.CacheKey(), (search, criteria), static async (s, c) => await s.search.RunAsync(s.criteria, c),
            tags: [TourCache.SearchTag], cancellationToken: ct);
        return TypedResults.Ok(page);
    }
}
