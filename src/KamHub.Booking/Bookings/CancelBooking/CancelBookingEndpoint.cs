using KamHub.Core.Data;
using System.Security.Claims;
using KamHub.Booking.Data;
using KamHub.Booking.Departures;
using KamHub.Booking.Policies;
using KamHub.Booking.Seats;
using KamHub.Core.Errors;
using KamHub.Core.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Booking.Bookings.CancelBooking;

internal sealed record CancelBookingRequest(string? Reason);

/// <summary>
/// The booker cancels under the policy copied onto the booking, evaluated in the departure's time zone; the tour's
/// operator or an admin cancels with a full refund. Only a paid booking has money to refund.
/// </summary>
internal static class CancelBookingEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/bookings/{id:guid}/cancel", HandleAsync).RequireAuthorization().WithTags("Bookings").Produces<BookingDto>();

    private static async Task<IResult> HandleAsync(Guid id, CancelBookingRequest? request, ClaimsPrincipal user, BookingDbContext db, BookingCanceller canceller,
        SeatLedger seats, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors().Optional(request?.Reason, "reason", 500, multiline: true);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        var booking = await db.Bookings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        if (booking is null || !BookingAccess.CanSee(user, booking)) return Problems.NotFound($"There is no booking {id}.");
        var departure = await db.Departures.AsNoTracking().SingleAsync(d => d.Id == booking.DepartureId, ct);

        var now = StoredTime.Now(clock);
        var status = BookingStatus.Effective(booking.Status, booking.HoldExpiresAt, now);
        if (status is BookingStatus.Expired or BookingStatus.Cancelled or BookingStatus.Completed) return Problems.Conflict($"The booking is already {status}.");

        var by = user.IsAdmin() ? BookingCanceller.ByAdmin
            : DepartureAccess.CanManage(user, booking.OperatorId) ? BookingCanceller.ByOperator
            : BookingCanceller.ByCustomer;
        var percent = by == BookingCanceller.ByCustomer
            ? PolicyJson.Read(booking.CancellationPolicy, CancellationPolicy.Default).RefundPercentAt(now, departure.StartsAt, TimeZones.FindOrUtc(departure.TimeZone))
            : 100;

        var cancelled = await RetryingTransaction.RunAsync(db, async token =>
        {
            await seats.ReclaimExpiredAsync(booking.DepartureId, now, token);
            if (!await canceller.CancelAsync(booking, by, request?.Reason?.Trim(), percent, now, token)) return (false, false);
            await seats.AvailabilityChangedAsync(booking.DepartureId, token);
            return (true, true);
        }, ct);
        if (!cancelled) return Problems.Conflict("The booking changed meanwhile (paid, expired or cancelled); read it again.");

        var saved = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == id, ct);
        return TypedResults.Ok(BookingDto.From(saved, departure, now));
    }
}
