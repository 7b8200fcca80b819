using System.Security.Claims;
using KamHub.Booking.Data;
using KamHub.Core.Errors;
using KamHub.Core.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Booking.Bookings.ListBookings;

internal static class ListBookingsEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me/bookings", MineAsync).RequireAuthorization().WithTags("Bookings").Produces<BookingPage>();
        app.MapGet("/api/operator/bookings", OperatorsAsync).RequireAuthorization(AuthenticationRegistration.OperatorPolicy).WithTags("Bookings")
            .Produces<BookingPage>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> MineAsync(string? cursor, int? limit, ClaimsPrincipal user, BookingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (user.GetUserId() is not { } customerId) return Problems.Unauthorized("The token names no user.");
        var errors = new ValidationErrors();
        var (after, take) = BookingPage.Parse(cursor, limit, errors);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        return TypedResults.Ok(await BookingPage.ReadAsync(db, db.Bookings.Where(b => b.CustomerId == customerId), after, take, StoredTime.Now(clock), ct));
    }

    /// <summary>An operator's bookings (all its tours, or one departure with <c>?departure=</c>); admins see every operator's.</summary>
    private static async Task<IResult> OperatorsAsync(string? departure, string? cursor, int? limit, ClaimsPrincipal user, BookingDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var (after, take) = BookingPage.Parse(cursor, limit, errors);
        Guid? departureId = null;
        if (!string.IsNullOrEmpty(departure))
        {
            if (Guid.TryParse(departure, out var parsed)) departureId = parsed;
            else errors.Add("departure", "must be a departure id.");
        }

        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

        var bookings = db.Bookings.AsQueryable();
        if (!user.IsAdmin())
        {
            if (user.GetOperatorId() is not { } operatorId) return Problems.Forbidden("Your account is not attached to an operator organisation.");
            bookings = bookings.Where(b => b.OperatorId == operatorId);
            if (departureId is { } own && !await db.Departures.AnyAsync(d => d.Id == own && d.OperatorId == operatorId, ct))
                return Problems.NotFound($"There is no departure {own} of your tours.");
        }

        if (departureId is { } id) bookings = bookings.Where(b => b.DepartureId == id);
        return TypedResults.Ok(await BookingPage.ReadAsync(db, bookings, after, take, StoredTime.Now(clock), ct));
    }
}
