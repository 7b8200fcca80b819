using System.Security.Claims;
using KamHub.Core.Caching;
using KamHub.Core.Errors;
using KamHub.Discovery.Availability;
using KamHub.Discovery.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.Discovery.Tours.GetTour;

internal static class GetTourEndpoint
{
    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/api/tours/{idOrSlug}", HandleAsync).AllowAnonymous().Produces<TourDto>();

    private static async Task<IResult> HandleAsync(string idOrSlug, ClaimsPrincipal user, IServiceScopeFactory scopes, HybridCache cache,
        TourAvailability availability, CancellationToken ct)
    {
        // Drafts are cached too; visibility is decided per caller after the read, so one entry serves everyone.
        TourDto? tour;
        if (Guid.TryParse(idOrSlug, out var id))
        {
            tour = await cache.GetOrCreateScopedAsync(TourCache.ById(id), scopes, id, static async (DiscoveryDbContext db, Guid tourId, CancellationToken c) =>
                await db.Tours.AsNoTracking().Where(t => t.Id == tourId).Select(t => TourDto.From(t)).FirstOrDefaultAsync(c), cancellationToken: ct);
        }
        else
        {
            if (idOrSlug.Length > 120 || !StorableText.IsStorable(idOrSlug)) return Problems.NotFound("No such tour.");
            tour = await cache.GetOrCreateScopedAsync(TourCache.BySlug(idOrSlug), scopes, idOrSlug, static async (DiscoveryDbContext db, string slug, CancellationToken c) =>
                await db.Tours.AsNoTracking().Where(t => t.Slug == slug).Select(t => TourDto.From(t)).FirstOrDefaultAsync(c), cancellationToken: ct);
        }

        if (tour is null || !TourAccess.CanSee(user, tour.Status, tour.OperatorId)) return Problems.NotFound("No such tour.");
        var upcoming = await availability.UpcomingAsync(tour.Id, ct);
        var departures = upcoming.Select(d => d.ToSeats()).ToList();
        return TypedResults.Ok(tour with { Departures = departures, NextDeparture = departures.FirstOrDefault(d => d.SeatsLeft > 0) });
    }
}
