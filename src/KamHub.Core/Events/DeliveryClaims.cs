using KamHub.Core.Data;
using Microsoft.EntityFrameworkCore;

// Table names come from the EF model, never from input; values are parameters.
#pragma warning disable CA2100

namespace KamHub.Core.Events;

/// <param name="HasFollower">
/// A later pending delivery of the same stream was there when it was claimed (PostgreSQL only): it can go only once
/// this one is recorded as done, so its outcome is recorded as soon as its chunk finishes.
/// </param>
internal sealed record ClaimedDelivery(long Id, string Subscriber, int Attempts, EventEnvelope Envelope, bool HasFollower = false);

/// <summary>
/// Claims deliveries with a lease in one statement. Only the head of each (subscriber, aggregate) stream is
/// claimable: a delivery waits while an earlier one of the same aggregate is pending (leased or retrying) or dead,
/// which is both the ordering and the parking rule. On PostgreSQL the candidates are locked FOR UPDATE SKIP LOCKED,
/// so instances claiming at the same moment take disjoint rows (ADR 0004).
/// The "earlier unfinished delivery" test is two probes, for 'pending' and for 'dead', each an exact lookup in the
/// (subscriber, aggregate, status, id) index that reads only the stream's unfinished rows. The status is written as
/// an expression of the candidate row (<c>c.status || ''</c> is 'pending', the replace gives 'dead') on purpose: as
/// constants, PostgreSQL's planner, whose statistics say pending rows are rare (history is most of the table),
/// probed through the status index and read the whole backlog once per candidate, so a claim's cost grew with the
/// square of the backlog (469 ms against 1.8 ms with 10,000 pending); with <c>status IN (…)</c> it filtered every
/// done row of the stream's history instead.
/// </summary>
internal static class DeliveryClaims
{
    public static async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(
        ModuleDbContext db, string owner, int batch, DateTime now, TimeSpan lease, CancellationToken ct)
    {
        var d = DbCommands.Table<EventDelivery>(db);
        var postgres = db.Database.IsNpgsql();
        var update = $"""
            UPDATE {d} SET lease_owner = @owner, lease_until = @until
            WHERE id IN (
                SELECT c.id FROM {d} c
                WHERE c.status = 'pending' AND c.next_attempt_at <= @now AND (c.lease_until IS NULL OR c.lease_until < @now)
                  AND NOT EXISTS (
                      SELECT 1 FROM {d} p
                      WHERE p.subscriber = c.subscriber AND p.aggregate_id = c.aggregate_id AND p.status = (c.status || '') AND p.id < c.id)
                  AND NOT EXISTS (
                      SELECT 1 FROM {d} p
                      WHERE p.subscriber = c.subscriber AND p.aggregate_id = c.aggregate_id AND p.status = replace(c.status, 'pending', 'dead') AND p.id < c.id)
                ORDER BY c.id
                LIMIT @batch{(postgres ? " FOR UPDATE OF c SKIP LOCKED" : "")})
            """;
        var parameters = new Dictionary<string, object>
        {
            ["@owner"] = owner,
            ["@until"] = now + lease,
            ["@now"] = now,
            ["@batch"] = batch,
        };
        if (postgres)
        {
            // The one plan that stays cheap on a busy table is the ordered index scan of (status, id): it stops at the
            // batch size, and it marks the index entries of finished deliveries dead as it passes them, so the next
            // claim skips them without a heap visit. A bitmap scan (which the planner takes as often as not, since its
            // statistics say pending rows are rare) does neither: under a steady 1,000 events/s it re-read every
            // delivery finished since the last vacuum (8,000 entries, 200 heap pages after five seconds) and a claim took
            // 9-24 ms instead of ~1 ms. SET LOCAL needs a transaction; claims are few (one per batch), so the
            // three extra round trips cost nothing measurable.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_bitmapscan = off", ct);
            var claimed = await ClaimAndLoadAsync(db, update, parameters, ct);
            await transaction.CommitAsync(ct);
            return claimed;
        }

        // SQLite cannot put UPDATE … RETURNING in a WITH: claim, then load (its one writer makes the pair safe anyway).
        var ids = await SqliteWriteLock.RunAsync(db, () => DbCommands.QueryIdsAsync(db, update + " RETURNING id", parameters, ct), ct);
        if (ids.Count == 0) return [];
        var rows = await db.Set<EventDelivery>().AsNoTracking()
            .Where(x => ids.Contains(x.Id))
            .Join(db.Set<OutboxEvent>().AsNoTracking(), x => x.EventId, e => e.Id, (x, e) => new { x.Id, x.Subscriber, x.Attempts, x.ReplayId, Event = e })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.Id)
            .Select(r => new ClaimedDelivery(r.Id, r.Subscriber, r.Attempts, EventEnvelope.From(r.Event, db.ModuleName, r.ReplayId)))
            .ToList();
    }

    /// <summary>PostgreSQL: the claim and the load of the claimed events in one round trip.</summary>
    private static Task<List<ClaimedDelivery>> ClaimAndLoadAsync(ModuleDbContext db, string update, IReadOnlyDictionary<string, object> parameters, CancellationToken ct)
    {
        var sql = $"""
            WITH claimed AS ({update}
                RETURNING id, subscriber, attempts, replay_id, event_id, aggregate_id, status)
            SELECT c.id, c.subscriber, c.attempts, c.replay_id,
                   e.position, e.id, e.type, e.version, e.aggregate_id, e.occurred_at, e.correlation_id, e.causation_id, e.payload,
                   EXISTS (SELECT 1 FROM {DbCommands.Table<EventDelivery>(db)} f
                           WHERE f.subscriber = c.subscriber AND f.aggregate_id = c.aggregate_id AND f.status = (c.status || '') AND f.id > c.id) AS has_follower
            FROM claimed c JOIN {DbCommands.Table<OutboxEvent>(db)} e ON e.id = c.event_id
            ORDER BY c.id
            """;
        var module = db.ModuleName;
        return DbCommands.QueryAsync(db, sql, parameters, r => new ClaimedDelivery(r.GetInt64(0), r.GetString(1), r.GetInt32(2), EventEnvelope.From(new OutboxEvent
        {
            Position = r.GetInt64(4),
            Id = r.GetGuid(5),
            Type = r.GetString(6),
            Version = r.GetInt32(7),
            AggregateId = r.GetString(8),
            OccurredAt = r.GetDateTime(9),
            CorrelationId = r.GetString(10),
            CausationId = r.IsDBNull(11) ? null : r.GetGuid(11),
            Payload = r.GetString(12),
        }, module, r.GetGuid(3)), r.GetBoolean(13)), ct, prepare: true);
    }

    public static async Task<int> CompleteAsync(ModuleDbContext db, IReadOnlyCollection<long> ids, string owner, DateTime now, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return await SqliteWriteLock.RunAsync(db, () => CompleteWithEfAsync(db, ids, owner, now, ct), ct);
        // The same statement as below, as one fixed text with an array of ids, so it can stay prepared (DbCommands).
        var done = await DbCommands.QueryIdsAsync(db, $"""
            UPDATE {DbCommands.Table<EventDelivery>(db)}
            SET status = '{DeliveryStatus.Done}', attempts = attempts + 1, completed_at = @now, lease_owner = NULL, lease_until = NULL
            WHERE id = ANY(@ids) AND lease_owner = @owner
            RETURNING id
            """, new Dictionary<string, object> { ["@ids"] = ids.ToArray(), ["@owner"] = owner, ["@now"] = now }, ct, prepare: true);
        return done.Count;
    }

    private static Task<int> CompleteWithEfAsync(ModuleDbContext db, IReadOnlyCollection<long> ids, string owner, DateTime now, CancellationToken ct) =>
        db.Set<EventDelivery>().Where(x => ids.Contains(x.Id) && x.LeaseOwner == owner).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Status, DeliveryStatus.Done)
            .SetProperty(x => x.Attempts, x => x.Attempts + 1)
            .SetProperty(x => x.CompletedAt, now)
            .SetProperty(x => x.LeaseOwner, (string?)null)
            .SetProperty(x => x.LeaseUntil, (DateTime?)null), ct);

    /// <summary>Records a failed attempt: back to pending with a later due time, or dead when out of attempts.</summary>
    public static Task<int> FailAsync(ModuleDbContext db, long id, string owner, bool dead, DateTime nextAttemptAt, string error, DateTime now, CancellationToken ct) =>
        SqliteWriteLock.RunAsync(db, () => db.Set<EventDelivery>().Where(x => x.Id == id && x.LeaseOwner == owner).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Status, dead ? DeliveryStatus.Dead : DeliveryStatus.Pending)
            .SetProperty(x => x.Attempts, x => x.Attempts + 1)
            .SetProperty(x => x.NextAttemptAt, nextAttemptAt)
            .SetProperty(x => x.LastError, error.Length > EventDelivery.LastErrorMaxLength ? error[..EventDelivery.LastErrorMaxLength] : error)
            .SetProperty(x => x.CompletedAt, dead ? (DateTime?)now : null)
            .SetProperty(x => x.LeaseOwner, (string?)null)
            .SetProperty(x => x.LeaseUntil, (DateTime?)null), ct), ct);

    /// <summary>Gives claimed deliveries back at shutdown so another instance (or the restart) takes them at once.</summary>
    public static Task<int> ReleaseAsync(ModuleDbContext db, IReadOnlyCollection<long> ids, string owner, CancellationToken ct) =>
        SqliteWriteLock.RunAsync(db, () => db.Set<EventDelivery>().Where(x => ids.Contains(x.Id) && x.LeaseOwner == owner).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.LeaseOwner, (string?)null)
            .SetProperty(x => x.LeaseUntil, (DateTime?)null), ct), ct);
}
