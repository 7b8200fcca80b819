using System.Security.Claims;
using KamHub.Core.Errors;
using KamHub.Core.Events;
using KamHub.Core.Security;
using KamHub.Discovery.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using KamHub.Core.Time;

namespace KamHub.Discovery.Tours.CreateTour;

internal static class CreateTourEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/tours", HandleAsync).RequireAuthorization(AuthenticationRegistration.OperatorPolicy).Produces<TourDto>(StatusCodes.Status201Created);

    private static async Task<IResult> HandleAsync(CreateTourRequest request, ClaimsPrincipal user, DiscoveryDbContext db, HybridCache cache,
        IEventPublisher events, TimeProvider clock, CancellationToken ct)
    {
        var errors = request.Validate();
        Guid? operatorId;
        if (user.IsAdmin())
        {
            operatorId = request.OperatorId;
            errors.When(operatorId is null, "operatorId", "is required when an admin creates a tour.");
        }
        else
        {
            operatorId = user.GetOperatorId();
            if (operatorId is null) return Problems.Forbidden("Your account is not attached to an operator organisation.");
            if (request.OperatorId is { } asked && asked != operatorId) return Problems.Forbidden("Operators create tours for their own organisation only.");
        }

        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        if (!await db.Operators.AnyAsync(o => o.Id == operatorId, ct))
            return Problems.Validation("operatorId", "does not name an existing operator.");

        var baseSlug = Slugs.From(request.Title!.En, "tour");
        var taken = await db.Tours.Where(t => t.Slug == baseSlug || t.Slug.StartsWith(baseSlug + "-")).Select(t => t.Slug).ToListAsync(ct);
        var now = StoredTime.Now(clock);
        var tour = new Tour
        {
            Id = Guid.CreateVersion7(),
            OperatorId = operatorId!.Value,
            Slug = Slugs.Unique(baseSlug, taken.ToHashSet(StringComparer.Ordinal)),
            TitleRu = "",
            TitleEn = "",
            Region = "",
            Currency = "RUB",
            Status = TourStatus.Draft,
            CreatedAt = now,
            UpdatedAt = now,
        };
        request.ApplyTo(tour);
        db.Tours.Add(tour);
        events.TourCreated(db, tour);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            if (!await SlugTakenAsync(db, tour.Slug, ct)) throw;
            // Another request took the same slug between our lookup and insert: a random suffix cannot collide in practice.
            tour.Slug = $"{baseSlug}-{Guid.NewGuid().ToString("N")[..6]}";
            db.DiscardUnsavedEvents();
            events.TourCreated(db, tour);
            await db.SaveChangesAsync(ct);
        }

        await TourCache.InvalidateAsync(cache, tour.Id, tour.Slug, ct);
        return TypedResults.Created($"/api/tours/{tour.Slug}", TourDto.From(tour));
    }

    private static Task<bool> SlugTakenAsync(DiscoveryDbContext db, string slug, CancellationToken ct) =>
        db.Tours.AsNoTracking().AnyAsync(t => t.Slug == slug, ct);
}
