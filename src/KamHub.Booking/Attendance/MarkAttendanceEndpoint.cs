using System.Security.Claims;
using KamHub.Booking.Bookings;
using KamHub.Booking.Contracts;
using KamHub.Booking.Data;
using KamHub.Booking.Departures;
using KamHub.Core.Data;
using KamHub.Core.Errors;
using KamHub.Core.Events;
using KamHub.Core.Security;
using KamHub.Partners.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using KamHub.Core.Time;

namespace KamHub.Booking.Attendance;

/// <summary>
/// POST /api/bookings/{id}/attendance: the tour's operator, an admin, or a guide or transfer driver assigned to the
/// departure (asked of Partners' facade; a driver sees who is at the pickup, ADR 0023) marks a confirmed booking present or no-show, from the departure's start until the grace period
/// after it (ADR 0020). The change is one conditional UPDATE on the booking's status, so it and the trip completer
/// (confirmed → completed) cannot both win: a booking already completed answers 409.
/// </summary>
internal static class MarkAttendanceEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/bookings/{id:guid}/attendance", HandleAsync).RequireAuthorization().WithTags("Bookings");

    private static async Task<Results<Ok<AttendanceDto>, ProblemHttpResult, ValidationProblem>> HandleAsync(Guid id, MarkAttendanceRequest request,
        ClaimsPrincipal user, BookingDbContext db, IServiceProvider services, IEventPublisher events, IOptions<BookingOptions> options, TimeProvider clock,
        CancellationToken ct)
    {
        if (user.GetUserId() is not { } userId) return Problems.Unauthorized("The token names no user.");
        var booking = await db.Bookings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        var departure = booking is null ? null : await db.Departures.AsNoTracking().FirstOrDefaultAsync(d => d.Id == booking.DepartureId, ct);
        if (booking is null || departure is null) return Problems.NotFound($"There is no booking {id}.");
        var markedAs = await MarkerAsync(user, userId, booking, services, ct);
        // Neither its operator nor its guide: as for anyone else who cannot see it, the booking does not exist.
        if (markedAs is null) return BookingAccess.CanSee(user, booking)
            ? Problems.Forbidden("Only the tour's operator, an admin or the departure's guide or driver marks attendance.")
            : Problems.NotFound($"There is no booking {id}.");
        var errors = request.Check();
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

        var now = StoredTime.Now(clock);
        if (now < departure.StartsAt) return Problems.Conflict("Attendance is marked from the departure's start.");
        var closes = departure.StartsAt.AddMinutes(options.Value.AttendanceGraceMinutes);
        if (now > closes) return Problems.Conflict("Attendance can no longer be marked for this departure.");
        if (departure.Status != DepartureStatus.Scheduled) return Problems.Conflict("The departure is cancelled.");

        var (from, to) = request.Status == MarkAttendanceRequest.NoShow
            ? (BookingStatus.Confirmed, BookingStatus.NoShow)
            : (BookingStatus.NoShow, BookingStatus.Confirmed);
        var marked = await RetryingTransaction.RunAsync(db, async token =>
        {
            // Present on a confirmed booking, or no-show on a no-show, changes only the record of who marked it.
            var changed = await db.Bookings.Where(b => b.Id == id && (b.Status == from || b.Status == to)).ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Status, to).SetProperty(b => b.Attendance, request.Status)
                .SetProperty(b => b.AttendanceMarkedAt, now).SetProperty(b => b.AttendanceMarkedBy, userId), token);
            if (changed == 0) return (false, false);
            events.Publish(db, id.ToString(), new AttendanceMarked(id, booking.DepartureId, booking.TourId, booking.OperatorId, booking.CustomerId,
                request.Status!, userId, markedAs, StoredTime.Utc(now)));
            return (true, true);
        }, ct);
        if (!marked)
        {
            var status = await db.Bookings.Where(b => b.Id == id).Select(b => b.Status).SingleAsync(ct);
            return Problems.Conflict($"Only a confirmed booking's attendance is marked; this one is {status}.");
        }

        return TypedResults.Ok(new AttendanceDto(id, request.Status!, to, StoredTime.Utc(now), userId));
    }

    /// <summary>operator, admin, guide or transfer when the caller may mark this booking; null otherwise.</summary>
    private static async Task<string?> MarkerAsync(ClaimsPrincipal user, Guid userId, TourBooking booking, IServiceProvider services, CancellationToken ct)
    {
        if (user.IsAdmin()) return "admin";
        if (DepartureAccess.CanManage(user, booking.OperatorId)) return "operator";
        var role = user.IsInRole(Roles.Guide) ? AssignmentRoles.Guide : user.IsInRole(Roles.Transfer) ? AssignmentRoles.Transfer : null;
        if (role is null) return null;
        // Without a Partners module nobody is assigned.
        var assignments = services.GetService<IAssignmentDirectory>();
        return assignments is not null && await assignments.IsAssignedAsync(userId, booking.DepartureId, role, ct) ? role : null;
    }
}

/// <param name="Status">The booking's status after the mark: confirmed or no-show.</param>
internal sealed record AttendanceDto(Guid BookingId, string Attendance, string Status, DateTimeOffset MarkedAt, Guid MarkedBy);
