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

namespace KamHub.Discovery.Tours.ChangeStatus;

/// <summary>
/// Publish (draft → published) and archive (draft or published → archived). Archived is final: publishing an
/// archived tour is a 409. Repeating an action is idempotent and answers the tour unchanged, so clients may retry.
/// </summary>
internal static class ChangeStatusEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/tours/{id:guid}/publish", (Guid id, ClaimsPrincipal user, DiscoveryDbContext db, HybridCache cache, IEventPublisher events, TimeProvider clock, IServiceProvider services, CancellationToken ct) =>
            ChangeAsync(id, TourStatus.Published, user, db, cache, events, clock, ct, services)).RequireAuthorization(AuthenticationRegistration.OperatorPolicy).Produces<TourDto>();
        app.MapPost("/api/tours/{id:guid}/archive", (Guid id, ClaimsPrincipal user, DiscoveryDbContext db, HybridCache cache, IEventPublisher events, TimeProvider clock, IServiceProvider services, CancellationToken ct) =>
            ChangeAsync(id, TourStatus.Archived, user, db, cache, events, clock, ct, services)).RequireAuthorization(AuthenticationRegistration.OperatorPolicy).Produces<TourDto>();
    }

    private static async Task<IResult> ChangeAsync(Guid id, TourStatus status, ClaimsPrincipal user, DiscoveryDbContext db, HybridCache cache,
        IEventPublisher events, TimeProvider clock, CancellationToken ct, IServiceProvider services)
    {
        var (tour, refusal) = await ManagedTour.LoadAsync(db, id, user, ct);
        if (refusal is not null) return refusal;
        if (tour!.Status == TourStatus.Archived && status != TourStatus.Archived)
            return Problems.Conflict("The tour is archived; archived tours cannot be published again. Create a new tour instead.");
        if (tour.Status != status && status == TourStatus.Published && !await PublishingAllowed.ForAsync(services, user, tour.OperatorId, ct))
            return Problems.Conflict("The operator organisation is not approved yet: tours stay drafts until an admin approves its application.");
        if (tour.Status != status)
        {
            tour.Status = status;
            tour.UpdatedAt = StoredTime.Now(clock);
            if (status == TourStatus.Published) events.TourPublished(db, tour);
            else events.TourArchived(db, tour, new DateTimeOffset(tour.UpdatedAt));
            await db.SaveChangesAsync(ct);
            await TourCache.InvalidateAsync(cache, tour.Id, tour.Slug, ct);
        }

        return TypedResults.Ok(TourDto.From(tour));
    }
}
