using System.Security.Claims;
using KamHub.Booking.Bookings;
using KamHub.Booking.Data;
using KamHub.Booking.Seats;
using KamHub.Core.Errors;
using KamHub.Core.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KamHub.Booking.Departures.CancelDeparture;

/// <summary>
/// Cancels a departure and, in the same transaction, every live booking on it: the operator cancels, so paid
/// bookings are refunded in full (booking.cancelled, reason departure-cancelled).
/// </summary>
internal static class CancelDepartureEndpoint
{
    public const string Reason = "departure-cancelled";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/departures/{id:guid}/cancel", HandleAsync).RequireAuthorization(AuthenticationRegistration.OperatorPolicy).WithTags("Departures");

    private static async Task<IResult> HandleAsync(Guid id, ClaimsPrincipal user, BookingDbContext db, SeatLedger seats, BookingCanceller canceller,
        IOptions<BookingOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var departure = await db.Departures.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (departure is null) return Problems.NotFound($"There is no departure {id}.");
        if (!DepartureAccess.CanManage(user, departure.OperatorId)) return Problems.Forbidden("Only the tour's operator or an admin cancels its departures.");
        var by = user.IsAdmin() ? BookingCanceller.ByAdmin : BookingCanceller.ByOperator;
        var now = BookingClock.Now(clock);

        var cancelled = await BookingTransaction.RunAsync(db, async token =>
        {
            // First close the departure (no new holds can take seats), then cancel what is on it.
            var closed = await db.Departures.Where(d => d.Id == id && d.Status == DepartureStatus.Scheduled)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DepartureStatus.Cancelled).SetProperty(d => d.UpdatedAt, now), token);
            if (closed == 0) return (false, false);
            await seats.ReclaimExpiredAsync(id, now, token);
            var live = await db.Bookings.AsNoTracking()
                .Where(b => b.DepartureId == id && (b.Status == BookingStatus.Held || b.Status == BookingStatus.Confirmed))
                .OrderBy(b => b.Id).ToListAsync(token);
            foreach (var booking in live) await canceller.CancelAsync(booking, by, Reason, 100, now, token);
            await seats.PublishAvailabilityAsync(id, now, token);
            return (true, true);
        }, ct);
        if (!cancelled) return Problems.Conflict("The departure is already cancelled.");

        var saved = await db.Departures.AsNoTracking().SingleAsync(d => d.Id == id, ct);
        return TypedResults.Ok(DepartureDto.From(saved, 0, options.Value.EffectiveDefaultPolicy));
    }
}
