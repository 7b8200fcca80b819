using System.Text.Json;
using KamHub.Core.Caching;
using KamHub.Core.Errors;
using KamHub.Discovery.Availability;
using KamHub.Discovery.Search.Index;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using KamHub.Core.Time;

namespace KamHub.Discovery.Tours.SearchTours;

internal static class SearchToursEndpoint
{
    private const string JsonContentType = "application/json; charset=utf-8";

    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/api/tours", HandleAsync).AllowAnonymous()
        .Produces<SearchPage>(StatusCodes.Status200OK, JsonContentType)
        .ProducesValidationProblem();

    /// <summary>
    /// The page of tours comes from the search cache; each tour's next departure and seats left are laid over it from
    /// the per-tour departures cache, which Booking's events refresh, so seats are current even on a cached page. The
    /// serialized answer is kept while both are unchanged (<see cref="RenderedSearchAnswers"/>).
    /// </summary>
    private static async Task<IResult> HandleAsync([AsParameters] SearchToursQuery query, IServiceScopeFactory scopes, TourAvailability availability, HybridCache cache,
        RenderedSearchAnswers rendered, IOptions<CacheOptions> caching, IOptions<SearchIndexOptions> indexing, TourSearchIndex index, IOptions<JsonOptions> json, TimeProvider clock, CancellationToken ct)
    {
        var (criteria, errors) = SearchCriteria.Parse(query);
        if (criteria is null) return Problems.Validation(errors.ToDictionary());
        var key = criteria.CacheKey();
        var page = await cache.GetOrCreateScopedAsync(key, scopes, criteria, static (TourSearch search, SearchCriteria c, CancellationToken token) => search.RunAsync(c, token),
            tags: [TourCache.SearchTag], cancellationToken: ct);

        var ids = page.Items.Select(t => t.Id).ToArray();
        // Without the cache the page was just searched on the index, which holds the departures as of that search.
        var departures = !caching.Value.Enabled && indexing.Value.Enabled ? index.DeparturesOf(ids) : await availability.CachedAsync(ids, ct);
        var now = StoredTime.Now(clock);
        var answer = rendered.Find(key, page, departures, now);
        if (answer is null)
        {
            answer = Render(page, departures, criteria.Window ?? DepartureWindow.Any, now, json.Value.SerializerOptions, out var validUntil);
            if (caching.Value.Enabled) rendered.Keep(key, page, departures, validUntil, answer);
        }

        return TypedResults.Bytes(answer, JsonContentType);
    }

    /// <summary>The answer is valid until the earliest shown departure closes (its cut-off): from then on another one is "next".</summary>
    private static byte[] Render(SearchPage page, List<UpcomingDeparture>[] departures, DepartureWindow window, DateTime now, JsonSerializerOptions options,
        out DateTime validUntil)
    {
        validUntil = DateTime.MaxValue;
        var items = new TourDto[page.Items.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var next = TourAvailability.FirstMatch(departures[i], window, now);
            if (next is not null && next.OpenUntil < validUntil) validUntil = next.OpenUntil;
            items[i] = page.Items[i] with { NextDeparture = next?.ToSeats() };
        }

        return JsonSerializer.SerializeToUtf8Bytes(page with { Items = items }, options);
    }
}
