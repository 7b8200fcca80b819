using KamHub.Core.Data;
using System.Security.Claims;
using KamHub.Booking.Bookings;
using KamHub.Booking.Contracts;
using KamHub.Booking.Data;
using KamHub.Booking.Policies;
using KamHub.Booking.Seats;
using KamHub.Core.Errors;
using KamHub.Core.Events;
using KamHub.Core.Security;
using KamHub.Discovery.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using KamHub.Core.Time;

namespace KamHub.Booking.Departures.CancelDeparture;

/// <param name="Reason">Shown to the travellers (departure.cancelled carries it); optional.</param>
internal sealed record CancelDepartureRequest(string? Reason);

/// <summary>
/// Cancels a departure and, in the same transaction, every live booking on it: the operator cancels, so paid
/// bookings are refunded in full (booking.cancelled, reason departure-cancelled). departure.cancelled commits with it; the
/// final availability.changed (no seats) follows the commit (AvailabilityPublisher).
/// </summary>
internal static class CancelDepartureEndpoint
{
    public const string Reason = "departure-cancelled";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/departures/{id:guid}/cancel", HandleAsync).RequireAuthorization(AuthenticationRegistration.OperatorPolicy).WithTags("Departures").Produces<DepartureDto>();

    private static async Task<IResult> HandleAsync(Guid id, CancelDepartureRequest? request, ClaimsPrincipal user, BookingDbContext db, SeatLedger seats,
        BookingCanceller canceller, IEventPublisher events, ITourCatalog catalog, IOptions<BookingOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors().Optional(request?.Reason, "reason", 500, multiline: true);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        var (departure, refusal) = await ManagedDeparture.LoadAsync(db, id, user, "cancels", ct);
        if (departure is null) return refusal!;
        var by = user.IsAdmin() ? BookingCanceller.ByAdmin : BookingCanceller.ByOperator;
        var now = StoredTime.Now(clock);
        var reason = string.IsNullOrWhiteSpace(request?.Reason) ? null : request.Reason.Trim();

        var cancelled = await RetryingTransaction.RunAsync(db, async token =>
        {
            // First close the departure (no new holds can take seats), then cancel what is on it.
            var closed = await db.Departures.Where(d => d.Id == id && d.Status == DepartureStatus.Scheduled)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DepartureStatus.Cancelled).SetProperty(d => d.UpdatedAt, now), token);
            if (closed == 0) return (false, false);
            events.Publish(db, id.ToString(), new DepartureCancelled(id, departure.TourId, departure.OperatorId, reason, StoredTime.Utc(now)));
            await seats.ReclaimExpiredAsync(id, now, token);
            var live = await db.Bookings.AsNoTracking()
                .Where(b => b.DepartureId == id && (b.Status == BookingStatus.Held || b.Status == BookingStatus.Confirmed))
                .OrderBy(b => b.Id).ToListAsync(token);
            foreach (var booking in live) await canceller.CancelAsync(booking, by, Reason, 100, now, token);
            await seats.AvailabilityChangedAsync(id, token);
            return (true, true);
        }, ct);
        if (!cancelled) return Problems.Conflict("The departure is already cancelled.");

        var saved = await db.Departures.AsNoTracking().SingleAsync(d => d.Id == id, ct);
        var fallback = await TourPolicy.FallbackAsync(catalog, saved.TourId, options.Value, ct);
        return TypedResults.Ok(DepartureDto.From(saved, 0, fallback));
    }
}
