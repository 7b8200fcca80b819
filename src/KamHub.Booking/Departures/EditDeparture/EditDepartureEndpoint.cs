using KamHub.Core.Data;
using System.Security.Claims;
using KamHub.Booking.Contracts;
using KamHub.Booking.Data;
using KamHub.Booking.Policies;
using KamHub.Booking.Seats;
using KamHub.Core.Errors;
using KamHub.Core.Events;
using KamHub.Core.Security;
using KamHub.Discovery.Contracts;
using KamHub.Partners.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using KamHub.Core.Time;

namespace KamHub.Booking.Departures.EditDeparture;

/// <summary>
/// Changes a departure. Capacity may not drop below the seats already taken (checked by the same conditional UPDATE
/// that changes it). Bookings already made keep their price and the policy copied onto them. A new start (or zone)
/// publishes departure.rescheduled in the same transaction; the update is then conditional on the start it replaces,
/// so two operators moving one departure at once cannot both report the same "previous" start. A new start that would put
/// one of its guides or drivers on two overlapping departures is refused with 409 (asked of Partners, ADR 0023).
/// </summary>
internal static class EditDepartureEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPatch("/api/departures/{id:guid}", HandleAsync).RequireAuthorization(AuthenticationRegistration.OperatorPolicy).WithTags("Departures").Produces<DepartureDto>();

    private static async Task<IResult> HandleAsync(Guid id, EditDepartureRequest request, ClaimsPrincipal user, BookingDbContext db, SeatLedger seats,
        IEventPublisher events, ITourCatalog catalog, IServiceProvider services, IOptions<BookingOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var (departure, refusal) = await ManagedDeparture.LoadAsync(db, id, user, "changes", ct);
        if (departure is null) return refusal!;
        if (departure.Status == DepartureStatus.Cancelled) return Problems.Conflict("The departure is cancelled.");

        var now = StoredTime.Now(clock);
        var errors = new ValidationErrors();
        DateTime? startsAt = null;
        if (request.StartsAt is not null || request.TimeZone is not null)
        {
            errors.When(request.StartsAt is null, "startsAt", "is required when timeZone changes (the wall-clock start in the new zone).");
            if (request.StartsAt is not null) startsAt = DepartureFields.StartUtc(request.StartsAt, request.TimeZone ?? departure.TimeZone, now, errors);
        }

        DepartureFields.Check(request.Capacity, request.PriceOverride, request.ChildPriceOverride, request.CutOffMinutes, request.CancellationPolicy, errors);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        if (startsAt is { } moving && moving != departure.StartsAt && services.GetService<IAssignmentDirectory>() is { } assignments
            && await assignments.RescheduleClashAsync(id, StoredTime.Utc(moving), ct) is { } clash)
            return Problems.Conflict(clash);

        // Plain values, so each SET is "parameter or the column as it is".
        var zone = startsAt is null ? null : request.TimeZone ?? departure.TimeZone;
        var policyJson = request.CancellationPolicy is null ? null : PolicyJson.Write(request.CancellationPolicy);
        var priceGiven = request.PriceOverride is not null;
        var (capacity, price, cutOff) = (request.Capacity, request.PriceOverride, request.CutOffMinutes);
        var childPrice = request.ChildPriceOverride;
        var childGiven = childPrice is not null;
        var rescheduled = startsAt is not null && (startsAt != departure.StartsAt || zone != departure.TimeZone);
        var (previousStart, previousZone) = (departure.StartsAt, departure.TimeZone);
        // The trip keeps its length: the end moves with the start.
        var endsAt = startsAt is { } newStart && departure.EndsAt is { } end ? newStart + (end - previousStart) : (DateTime?)null;
        var outcome = await RetryingTransaction.RunAsync(db, async token =>
        {
            await seats.ReclaimExpiredAsync(id, now, token);
            var changed = await db.Departures
                .Where(d => d.Id == id && d.Status == DepartureStatus.Scheduled && (capacity == null || d.SeatsTaken <= capacity))
                .Where(d => !rescheduled || (d.StartsAt == previousStart && d.TimeZone == previousZone))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.Capacity, d => capacity ?? d.Capacity)
                    .SetProperty(d => d.PriceMinor, d => price ?? d.PriceMinor)
                    .SetProperty(d => d.PriceOverridden, d => priceGiven || d.PriceOverridden)
                    .SetProperty(d => d.ChildPriceMinor, d => childGiven ? childPrice : d.ChildPriceMinor)
                    .SetProperty(d => d.CutOffMinutes, d => cutOff ?? d.CutOffMinutes)
                    .SetProperty(d => d.StartsAt, d => startsAt ?? d.StartsAt)
                    .SetProperty(d => d.EndsAt, d => endsAt ?? d.EndsAt)
                    .SetProperty(d => d.TimeZone, d => zone ?? d.TimeZone)
                    .SetProperty(d => d.CancellationPolicy, d => policyJson ?? d.CancellationPolicy)
                    .SetProperty(d => d.UpdatedAt, now), token);
            if (changed == 0) return (false, false);
            // Search stops offering a departure at its cut-off: a moved cut-off is a schedule change too (same start).
            if (rescheduled || (cutOff is not null && cutOff != departure.CutOffMinutes))
            {
                var start = startsAt ?? previousStart;
                events.Publish(db, id.ToString(), new DepartureRescheduled(id, departure.TourId, departure.OperatorId, StoredTime.Utc(start),
                    StoredTime.Utc(previousStart), zone ?? previousZone, StoredTime.Utc(now),
                    StoredTime.Utc(start.AddMinutes(-(cutOff ?? departure.CutOffMinutes)))));
            }

            await seats.AvailabilityChangedAsync(id, token);
            return (true, true);
        }, ct);
        if (!outcome) return Problems.Conflict("The capacity is below the seats already taken (or the departure was cancelled or moved meanwhile).");

        var saved = await db.Departures.AsNoTracking().SingleAsync(d => d.Id == id, ct);
        var left = await SeatsLeft.ForAsync(db, [saved], now, ct);
        var fallback = await TourPolicy.FallbackAsync(catalog, saved.TourId, options.Value, ct);
        return TypedResults.Ok(DepartureDto.From(saved, left[id], fallback));
    }
}
