using System.Security.Claims;
using KamHub.Core.Events;
using KamHub.Core.Security;
using KamHub.Discovery.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Caching.Hybrid;

namespace KamHub.Discovery.Tours.DeleteTour;

internal static class DeleteTourEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapDelete("/api/tours/{id:guid}", HandleAsync).RequireAuthorization(AuthenticationRegistration.OperatorPolicy).Produces(StatusCodes.Status204NoContent);

    private static async Task<IResult> HandleAsync(Guid id, ClaimsPrincipal user, DiscoveryDbContext db, HybridCache cache,
        IEventPublisher events, TimeProvider clock, CancellationToken ct)
    {
        var (tour, refusal) = await ManagedTour.LoadAsync(db, id, user, ct);
        if (refusal is not null) return refusal;
        db.Tours.Remove(tour!);
        events.TourArchived(db, tour!, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await TourCache.InvalidateAsync(cache, tour!.Id, tour.Slug, ct);
        return TypedResults.NoContent();
    }
}
