using System.Security.Claims;
using KamHub.Core.Errors;
using KamHub.Core.Events;
using KamHub.Core.Security;
using KamHub.Discovery.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Caching.Hybrid;
using KamHub.Core.Time;

namespace KamHub.Discovery.Tours.UpdateTour;

internal static class UpdateTourEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPut("/api/tours/{id:guid}", HandleAsync).RequireAuthorization(AuthenticationRegistration.OperatorPolicy).Produces<TourDto>();

    private static async Task<IResult> HandleAsync(Guid id, UpdateTourRequest request, ClaimsPrincipal user, DiscoveryDbContext db, HybridCache cache,
        IEventPublisher events, TimeProvider clock, CancellationToken ct)
    {
        var (tour, refusal) = await ManagedTour.LoadAsync(db, id, user, ct);
        if (refusal is not null) return refusal;
        if (tour!.Status == TourStatus.Archived) return Problems.Conflict("The tour is archived; archived tours are read-only.");
        var errors = request.Validate();
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

        request.ApplyTo(tour!);
        tour!.UpdatedAt = StoredTime.Now(clock);
        events.TourUpdated(db, tour);
        await db.SaveChangesAsync(ct);
        await TourCache.InvalidateAsync(cache, tour.Id, tour.Slug, ct);
        return TypedResults.Ok(TourDto.From(tour));
    }
}
