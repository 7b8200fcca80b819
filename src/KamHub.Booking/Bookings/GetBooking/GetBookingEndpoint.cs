using System.Security.Claims;
using KamHub.Booking.Data;
using KamHub.Core.Errors;
using KamHub.Payments.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using KamHub.Core.Time;

namespace KamHub.Booking.Bookings.GetBooking;

internal static class GetBookingEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/bookings/{id:guid}", HandleAsync).RequireAuthorization().WithTags("Bookings");

    private static async Task<Results<Ok<BookingWithPayment<PaymentView>>, ProblemHttpResult>> HandleAsync(Guid id, ClaimsPrincipal user, BookingDbContext db,
        IServiceProvider services, TimeProvider clock, CancellationToken ct)
    {
        var booking = await db.Bookings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        // Not the booker, not its operator, not an admin: the booking does not exist for them.
        if (booking is null || !BookingAccess.CanSee(user, booking)) return Problems.NotFound($"There is no booking {id}.");
        var departure = await db.Departures.AsNoTracking().FirstOrDefaultAsync(d => d.Id == booking.DepartureId, ct);
        // The same shape as the POST's answer: a client that lost it finds where to pay here. Null without a Payments module.
        var payment = services.GetService<IPaymentDirectory>() is { } payments ? await payments.FindByBookingAsync(booking.Id, ct) : null;
        return TypedResults.Ok(new BookingWithPayment<PaymentView>(BookingDto.From(booking, departure, StoredTime.Now(clock)), payment));
    }
}
