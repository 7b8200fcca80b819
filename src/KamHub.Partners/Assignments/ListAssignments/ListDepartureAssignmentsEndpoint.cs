using System.Security.Claims;
using KamHub.Booking.Contracts;
using KamHub.Core.Errors;
using KamHub.Identity.Contracts;
using KamHub.Partners.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Partners.Assignments.ListAssignments;

/// <summary>GET /api/departures/{id}/assignments: the departure's active assignments with their pickups, for its operator.</summary>
internal static class ListDepartureAssignmentsEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/departures/{id:guid}/assignments", HandleAsync).RequireAuthorization().WithTags("Assignments");

    private static async Task<Results<Ok<AssignmentList>, ProblemHttpResult>> HandleAsync(Guid id, ClaimsPrincipal user, PartnersDbContext db,
        IDepartureRoster departures, IUserDirectory users, CancellationToken ct)
    {
        var departure = await departures.FindAsync(id, ct);
        if (departure is null) return Problems.NotFound($"There is no departure {id}.");
        if (!AssignmentAccess.CanManage(user, departure.OperatorId)) return Problems.Forbidden("Only the tour's operator or an admin sees its departures' assignments.");
        var assignments = await db.Assignments.AsNoTracking().Where(a => a.DepartureId == id && a.Status == AssignmentStatus.Active)
            .OrderBy(a => a.CreatedAt).ToListAsync(ct);
        var ids = assignments.Select(a => a.Id).ToList();
        var pickups = await db.Pickups.AsNoTracking().Where(p => ids.Contains(p.AssignmentId)).ToListAsync(ct);
        // A departure has a handful of staff: one directory read each names them for the desk.
        var people = new Dictionary<Guid, UserContact?>();
        foreach (var userId in assignments.Select(a => a.UserId).Distinct()) people[userId] = await users.FindAsync(userId, ct);
        return TypedResults.Ok(new AssignmentList(assignments.Select(a => AssignmentDto.From(a, pickups.Where(p => p.AssignmentId == a.Id), people[a.UserId])).ToList()));
    }
}

internal sealed record AssignmentList(IReadOnlyList<AssignmentDto> Items);
