using System.Security.Claims;
using KamHub.Booking.Contracts;
using KamHub.Core.Data;
using KamHub.Core.Errors;
using KamHub.Core.Events;
using KamHub.Partners.Contracts;
using KamHub.Partners.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Partners.Assignments.ChangePickups;

/// <summary>
/// PUT /api/assignments/{id}/pickups: the operator sets where and when its transfer driver collects each booking of the
/// departure. Only bookings of that departure; the driver hears of the change (assignment.changed).
/// </summary>
internal static class ChangePickupsEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPut("/api/assignments/{id:guid}/pickups", HandleAsync).RequireAuthorization().WithTags("Assignments");

    private static async Task<Results<Ok<AssignmentDto>, ProblemHttpResult, ValidationProblem>> HandleAsync(Guid id, ChangePickupsRequest request,
        ClaimsPrincipal user, PartnersDbContext db, IDepartureRoster departures, IEventPublisher events, TimeProvider clock, CancellationToken ct)
    {
        var (assignment, refusal) = await ManagedAssignment.LoadAsync(db, id, user, ct);
        if (assignment is null) return (ProblemHttpResult)refusal!;
        var errors = request.Check();
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        if (assignment.Role != AssignmentRoles.Transfer) return Problems.Conflict("Only a transfer assignment has pickups.");

        var onDeparture = (await departures.BookingsAsync(assignment.DepartureId, ct)).Select(b => b.BookingId).ToHashSet();
        var pickups = request.Pickups!.Select(p => new Pickup
        {
            AssignmentId = id,
            BookingId = p!.BookingId!.Value,
            Point = p.Point!.Trim(),
            PickupAt = StoredTime.Truncate(p.At!.Value.UtcDateTime),
        }).ToList();
        if (pickups.FirstOrDefault(p => !onDeparture.Contains(p.BookingId)) is { } stranger)
            return Problems.Validation("pickups", $"Booking {stranger.BookingId} is not a confirmed booking of this departure.");

        var now = StoredTime.Now(clock);
        await RetryingTransaction.RunAsync(db, async token =>
        {
            await db.Pickups.Where(p => p.AssignmentId == id).ExecuteDeleteAsync(token);
            db.Pickups.AddRange(pickups);
            await db.Assignments.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.UpdatedAt, now), token);
            events.Publish(db, id.ToString(), new AssignmentChanged(id, assignment.DepartureId, assignment.TourId, assignment.OperatorId, assignment.UserId,
                assignment.Role, "pickups", StoredTime.Utc(assignment.StartsAt), assignment.TimeZone, StoredTime.Utc(now)));
            return (true, true);
        }, ct);
        return TypedResults.Ok(AssignmentDto.From(assignment, pickups));
    }
}
