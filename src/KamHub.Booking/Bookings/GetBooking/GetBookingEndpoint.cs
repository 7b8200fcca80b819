using System.Security.Claims;
using KamHub.Booking.Data;
using KamHub.Core.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Booking.Bookings.GetBooking;

internal static class GetBookingEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/bookings/{id:guid}", HandleAsync).RequireAuthorization().WithTags("Bookings");

    private static async Task<IResult> HandleAsync(Guid id, ClaimsPrincipal user, BookingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var booking = await db.Bookings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        // Not the booker, not its operator, not an admin: the booking does not exist for them.
        if (booking is null || !BookingAccess.CanSee(user, booking)) return Problems.NotFound($"There is no booking {id}.");
        var departure = await db.Departures.AsNoTracking().FirstOrDefaultAsync(d => d.Id == booking.DepartureId, ct);
        return TypedResults.Ok(BookingDto.From(booking, departure, BookingClock.Now(clock)));
    }
}
