using KamHub.Partners.Data;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Partners.Assignments;

/// <summary>
/// The overlap rule (a person on one departure at a time), serialised per person: inside the caller's transaction the
/// person's <see cref="StaffSchedule"/> row is locked by an UPDATE before the check, so a second assignment of the same
/// person waits for the first to commit, and its check (a new statement, so a new snapshot under READ COMMITTED) sees
/// it. SQLite has one writer at a time anyway. A check-then-insert without the lock would let two parallel requests both pass.
/// </summary>
internal sealed class StaffCalendar(PartnersDbContext db)
{
    /// <summary>Creates the person's lock row if missing, in its own short transaction before the change (a race on the key is harmless).</summary>
    public async Task EnsureRowAsync(Guid userId, CancellationToken ct)
    {
        if (await db.StaffSchedules.AnyAsync(s => s.UserId == userId, ct)) return;
        db.StaffSchedules.Add(new StaffSchedule { UserId = userId });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request created it first: that is all this wanted.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Locks the person's row (held to the end of the transaction), then looks for an active assignment overlapping [start, end).</summary>
    public async Task<Assignment?> LockAndFindOverlapAsync(Guid userId, DateTime startsAt, DateTime endsAt, Guid? except, CancellationToken ct)
    {
        await db.StaffSchedules.Where(s => s.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Version, x => x.Version + 1), ct);
        return await db.Assignments.AsNoTracking()
            .Where(a => a.UserId == userId && a.Status == AssignmentStatus.Active && a.StartsAt < endsAt && startsAt < a.EndsAt
                && (except == null || a.Id != except))
            .OrderBy(a => a.StartsAt).FirstOrDefaultAsync(ct);
    }
}
