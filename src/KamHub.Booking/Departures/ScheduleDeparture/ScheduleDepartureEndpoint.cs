using System.Security.Claims;
using KamHub.Booking.Contracts;
using KamHub.Booking.Data;
using KamHub.Booking.Policies;
using KamHub.Core.Errors;
using KamHub.Core.Events;
using KamHub.Core.Security;
using KamHub.Discovery.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using KamHub.Core.Time;

namespace KamHub.Booking.Departures.ScheduleDeparture;

internal static class ScheduleDepartureEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/tours/{tourId:guid}/departures", HandleAsync).RequireAuthorization(AuthenticationRegistration.OperatorPolicy).WithTags("Departures")
            .Produces<DepartureDto>(StatusCodes.Status201Created);

    private static async Task<IResult> HandleAsync(Guid tourId, ScheduleDepartureRequest request, ClaimsPrincipal user, ITourCatalog catalog,
        BookingDbContext db, IEventPublisher events, IOptions<BookingOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var tour = await catalog.FindAsync(tourId, ct);
        if (tour is null) return Problems.NotFound($"There is no tour {tourId}.");
        if (!DepartureAccess.CanManage(user, tour.OperatorId)) return Problems.Forbidden("Only the tour's operator or an admin schedules its departures.");
        if (tour.Status == "archived") return Problems.Conflict("The tour is archived; archived tours get no new departures.");

        var now = StoredTime.Now(clock);
        var errors = new ValidationErrors();
        var startsAt = DepartureFields.StartUtc(request.StartsAt, request.TimeZone, now, errors);
        errors.When(request.Capacity is null, "capacity", "is required.");
        DepartureFields.Check(request.Capacity, request.PriceOverride, request.ChildPriceOverride, request.CutOffMinutes, request.CancellationPolicy, errors);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

        var settings = options.Value;
        var departure = new Departure
        {
            Id = Guid.CreateVersion7(),
            TourId = tour.Id,
            OperatorId = tour.OperatorId,
            StartsAt = startsAt!.Value,
            EndsAt = startsAt.Value.AddMinutes(tour.DurationMinutes),
            TimeZone = request.TimeZone!,
            Capacity = request.Capacity!.Value,
            PriceMinor = request.PriceOverride ?? tour.BasePriceMinor,
            PriceOverridden = request.PriceOverride is not null,
            ChildPriceMinor = request.ChildPriceOverride ?? tour.ChildPriceMinor,
            Currency = tour.Currency,
            CutOffMinutes = request.CutOffMinutes ?? settings.DefaultCutOffMinutes,
            CancellationPolicy = request.CancellationPolicy is null ? null : PolicyJson.Write(request.CancellationPolicy),
            Status = DepartureStatus.Scheduled,
            CreatedAt = now,
            UpdatedAt = now,
        };
        DepartureScheduling.Add(db, events, departure, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/departures/{departure.Id}", DepartureDto.From(departure, departure.Capacity, TourPolicy.Fallback(tour, settings)));
    }
}
