using System.Security.Claims;
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

namespace KamHub.Partners.Assignments.RemoveAssignment;

/// <summary>DELETE /api/assignments/{id}: the operator takes the guide or driver off the departure; they hear of it (assignment.cancelled).</summary>
internal static class RemoveAssignmentEndpoint
{
    public const string Removed = "removed";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapDelete("/api/assignments/{id:guid}", HandleAsync).RequireAuthorization().WithTags("Assignments");

    private static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(Guid id, ClaimsPrincipal user, PartnersDbContext db, IEventPublisher events,
        TimeProvider clock, CancellationToken ct)
    {
        var (assignment, refusal) = await ManagedAssignment.LoadAsync(db, id, user, ct);
        if (assignment is null) return (ProblemHttpResult)refusal!;
        var now = StoredTime.Now(clock);
        var removed = await RetryingTransaction.RunAsync(db, async token =>
        {
            // Conditional: of two removals at once, one publishes.
            var changed = await db.Assignments.Where(a => a.Id == id && a.Status == AssignmentStatus.Active).ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Status, AssignmentStatus.Cancelled).SetProperty(a => a.CancelledAt, now)
                .SetProperty(a => a.CancellationReason, Removed).SetProperty(a => a.UpdatedAt, now), token);
            if (changed == 0) return (false, false);
            events.Publish(db, id.ToString(), new AssignmentCancelled(id, assignment.DepartureId, assignment.TourId, assignment.OperatorId, assignment.UserId,
                assignment.Role, Removed, StoredTime.Utc(assignment.StartsAt), assignment.TimeZone, StoredTime.Utc(now)));
            return (true, true);
        }, ct);
        return removed ? TypedResults.NoContent() : Problems.NotFound($"There is no active assignment {id}.");
    }
}
