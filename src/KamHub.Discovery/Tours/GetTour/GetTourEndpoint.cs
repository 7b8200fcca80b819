using System.Security.Claims;
using KamHub.Core.Errors;
using KamHub.Discovery.Availability;
using KamHub.Discovery.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;

namespace KamHub.Discovery.Tours.GetTour;

internal static class GetTourEndpoint
{
    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/api/tours/{idOrSlug}", HandleAsync).AllowAnonymous();

    private static async Task<IResult> HandleAsync(string idOrSlug, ClaimsPrincipal user, DiscoveryDbContext db, HybridCache cache, TourAvailability availability,
        CancellationToken ct)
    {
        // Drafts are cached too; visibility is decided per caller after the read, so one entry serves everyone.
        TourDto? tour;
        if (Guid.TryParse(idOrSlug, out var id))
        {
            tour = await cache.GetOrCreateAsync(TourCache.ById(id), (db, id), static async (s, c) =>
                await s.db.Tours.AsNoTracking().Where(t => t.Id == s.id).Select(t => TourDto.From(t)).FirstOrDefaultAsync(c), cancellationToken: ct);
        }
        else
        {
            if (idOrSlug.Length > 120 || !StorableText.IsStorable(idOrSlug)) return Problems.NotFound("No such tour.");
            tour = await cache.GetOrCreateAsync(TourCache.BySlug(idOrSlug), (db, idOrSlug), static async (s, c) =>
                await s.db.Tours.AsNoTracking().Where(t => t.Slug == s.idOrSlug).Select(t => TourDto.From(t)).FirstOrDefaultAsync(c), cancellationToken: ct);
        }

        if (tour is null || !TourAccess.CanSee(user, tour.Status, tour.OperatorId)) return Problems.NotFound("No such tour.");
        var upcoming = await availability.UpcomingAsync(tour.Id, ct);
        var departures = upcoming.Select(d => d.ToSeats()).ToList();
        return TypedResults.Ok(tour with { Departures = departures, NextDeparture = departures.FirstOrDefault(d => d.SeatsLeft > 0) });
    }
}
