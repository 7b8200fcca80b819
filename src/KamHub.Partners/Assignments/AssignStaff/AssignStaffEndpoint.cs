using System.Security.Claims;
using KamHub.Booking.Contracts;
using KamHub.Core.Data;
using KamHub.Core.Errors;
using KamHub.Core.Events;
using KamHub.Core.Security;
using KamHub.Identity.Contracts;
using KamHub.Partners.Contracts;
using KamHub.Partners.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using KamHub.Core.Time;

namespace KamHub.Partners.Assignments.AssignStaff;

/// <summary>
/// POST /api/departures/{id}/assignments: the departure's operator puts a guide or a transfer driver on it. 409 when the
/// person is already on an overlapping departure (checked under the person's lock, see <see cref="StaffCalendar"/>).
/// </summary>
internal static class AssignStaffEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/departures/{id:guid}/assignments", HandleAsync).RequireAuthorization().WithTags("Assignments");

    private static async Task<Results<Created<AssignmentDto>, ProblemHttpResult, ValidationProblem>> HandleAsync(Guid id, AssignStaffRequest request,
        ClaimsPrincipal user, PartnersDbContext db, IDepartureRoster departures, IUserDirectory users, StaffCalendar calendar, IEventPublisher events,
        IOptions<PartnersOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (user.GetUserId() is not { } callerId) return Problems.Unauthorized("The token names no user.");
        var departure = await departures.FindAsync(id, ct);
        if (departure is null) return Problems.NotFound($"There is no departure {id}.");
        if (!AssignmentAccess.CanManage(user, departure.OperatorId)) return Problems.Forbidden("Only the tour's operator or an admin assigns staff to its departures.");
        var errors = request.Check();
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

        var now = StoredTime.Now(clock);
        var startsAt = StoredTime.Truncate(departure.StartsAt.UtcDateTime);
        var endsAt = departure.EndsAt is { } end ? StoredTime.Truncate(end.UtcDateTime) : startsAt.AddMinutes(options.Value.FallbackDurationMinutes);
        if (departure.Status != "scheduled") return Problems.Conflict("The departure is cancelled.");
        if (endsAt <= now) return Problems.Conflict("The departure has already ended.");
        var role = request.Role!;
        var assignee = request.UserId is { } userId ? await users.FindAsync(userId, ct) : await users.FindByEmailAsync(request.Email!.Trim(), ct);
        if (assignee is null || !string.Equals(assignee.Role, AssignmentAccess.AccountRoleFor(role), StringComparison.OrdinalIgnoreCase))
            return Problems.Unprocessable($"{(object?)request.UserId ?? request.Email!.Trim()} is not a {AssignmentAccess.AccountRoleFor(role)} account.");

        var assignment = new Assignment
        {
            Id = Guid.CreateVersion7(),
            DepartureId = id,
            TourId = departure.TourId,
            OperatorId = departure.OperatorId,
            UserId = assignee.UserId,
            Role = role,
            StartsAt = startsAt,
            EndsAt = endsAt,
            TimeZone = departure.TimeZone,
            AssignedBy = callerId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await calendar.EnsureRowAsync(assignee.UserId, ct);
        var clash = await RetryingTransaction.RunAsync(db, async token =>
        {
            if (await calendar.LockAndFindOverlapAsync(assignee.UserId, startsAt, endsAt, null, token) is { } existing) return (false, existing);
            db.Assignments.Add(assignment);
            events.Publish(db, assignment.Id.ToString(), new AssignmentCreated(assignment.Id, id, assignment.TourId, assignment.OperatorId, assignment.UserId,
                role, departure.StartsAt, departure.TimeZone, StoredTime.Utc(now)));
            return (true, (Assignment?)null);
        }, ct);
        if (clash is not null)
        {
            // Another operator's departure is theirs to know about: say when the person is busy, not where.
            return Problems.Conflict(clash.OperatorId == departure.OperatorId
                ? $"The {role} is already assigned to departure {clash.DepartureId}, which overlaps this one."
                : $"The {role} is already assigned to another departure overlapping this one.");
        }

        return TypedResults.Created($"/api/assignments/{assignment.Id}", AssignmentDto.From(assignment, [], assignee));
    }
}
