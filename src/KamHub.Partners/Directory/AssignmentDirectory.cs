using KamHub.Partners.Contracts;
using KamHub.Partners.Data;
using KamHub.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Partners.Directory;

/// <summary>The read-only facade other modules use to ask about assignments.</summary>
internal sealed class AssignmentDirectory(PartnersDbContext db) : IAssignmentDirectory
{
    public Task<bool> IsAssignedAsync(Guid userId, Guid departureId, string role, CancellationToken ct) =>
        db.Assignments.AnyAsync(a => a.UserId == userId && a.DepartureId == departureId && a.Role == role && a.Status == AssignmentStatus.Active, ct);

    public async Task<string?> RescheduleClashAsync(Guid departureId, DateTimeOffset startsAt, CancellationToken ct)
    {
        var start = StoredTime.Truncate(startsAt.UtcDateTime);
        var assignments = await db.Assignments.AsNoTracking().Where(a => a.DepartureId == departureId && a.Status == AssignmentStatus.Active).ToListAsync(ct);
        foreach (var a in assignments)
        {
            // The trip keeps its length: the assignment moves with the start.
            var end = start + (a.EndsAt - a.StartsAt);
            var clash = await db.Assignments.AsNoTracking()
                .Where(o => o.UserId == a.UserId && o.DepartureId != departureId && o.Status == AssignmentStatus.Active && o.StartsAt < end && start < o.EndsAt)
                .FirstOrDefaultAsync(ct);
            if (clash is null) continue;
            // Another operator's departure is theirs to know about: say that the person is busy, not where.
            return clash.OperatorId == a.OperatorId
                ? $"The {a.Role} {a.UserId} is also assigned to departure {clash.DepartureId}, which the new time overlaps."
                : $"The {a.Role} {a.UserId} is assigned elsewhere at the new time.";
        }

        return null;
    }
}
