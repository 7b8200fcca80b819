using KamHub.Notifications.Data;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Notifications.Queue;

/// <summary>
/// Takes due rows for one worker: in one transaction, picks ids (PostgreSQL: FOR UPDATE SKIP LOCKED, so concurrent
/// workers pick different rows) and leases them: not_before moves to the lease's end, a fresh token marks the claim
/// and the attempt is counted. A worker that dies leaves the rows to whoever claims after the lease. SQLite serves one
/// process, whose writes are serialised anyway.
/// </summary>
internal sealed class DeliveryClaimer(NotificationsDbContext db, TimeProvider clock)
{
    public async Task<(Guid Token, List<Delivery> Rows)> ClaimAsync(int batchSize, TimeSpan lease, CancellationToken ct)
    {
        var now = StoredTime.Now(clock);
        var token = Guid.NewGuid();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        List<Guid> ids;
        if (db.Database.IsSqlite())
        {
            ids = await db.Deliveries.Where(d => (d.Status == DeliveryStatus.Queued || d.Status == DeliveryStatus.Failed) && d.NotBefore <= now)
                .OrderBy(d => d.NotBefore).Select(d => d.Id).Take(batchSize).ToListAsync(ct);
        }
        else
        {
            var table = NotificationTables.Quoted(db, "deliveries");
            // Only the table name and status constants are spliced in; values are parameters.
#pragma warning disable EF1002, EF1003
            ids = await db.Database.SqlQueryRaw<Guid>(
                $"SELECT id AS \"Value\" FROM {table} WHERE status IN ('{DeliveryStatus.Queued}', '{DeliveryStatus.Failed}') AND not_before <= {{0}} " +
                $"ORDER BY not_before LIMIT {{1}} FOR UPDATE SKIP LOCKED", now, batchSize).ToListAsync(ct);
#pragma warning restore EF1002, EF1003
        }

        if (ids.Count == 0) return (token, []);
        var leaseEnd = StoredTime.Truncate(now + lease);
        // Still waiting and due: a row another claim took meanwhile has moved its not_before to that lease's end.
        await db.Deliveries.Where(d => ids.Contains(d.Id) && (d.Status == DeliveryStatus.Queued || d.Status == DeliveryStatus.Failed) && d.NotBefore <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.NotBefore, leaseEnd).SetProperty(d => d.LeaseToken, token)
                .SetProperty(d => d.Attempts, d => d.Attempts + 1).SetProperty(d => d.UpdatedAt, now), ct);
        await transaction.CommitAsync(ct);
        return (token, await db.Deliveries.AsNoTracking().Where(d => d.LeaseToken == token).ToListAsync(ct));
    }
}
