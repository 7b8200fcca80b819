using Microsoft.EntityFrameworkCore;

// Table names come from the EF model, never from input; values are parameters.
#pragma warning disable CA2100

namespace KamHub.Core.Events;

/// <summary>
/// Writes the inbox records of deliveries about to be handled, in the handler's transaction and in one statement,
/// skipping those already there. What it skipped was handled before (or is being handled by a racing instance, whose
/// commit the insert waits for), so only the returned deliveries may run: the effect happens once.
/// </summary>
internal static class InboxRecorder
{
    /// <summary>
    /// The deliveries whose inbox record this call wrote (the ones to run now). The deliveries may belong to several
    /// subscribers, as long as all of them record in <paramref name="db"/>'s module database.
    /// </summary>
    public static async Task<HashSet<long>> RecordNewAsync(DbContext db, IReadOnlyList<ClaimedDelivery> deliveries, DateTime now, CancellationToken ct)
    {
        var written = db.Database.IsNpgsql()
            ? await WriteWithArraysAsync(db, deliveries, now, ct)
            : await WriteWithValuesAsync(db, deliveries, now, ct);
        return deliveries.Where(d => written.Contains((d.Subscriber, d.Envelope.Id, d.Envelope.ReplayId ?? Guid.Empty))).Select(d => d.Id).ToHashSet();
    }

    /// <summary>PostgreSQL: the rows as arrays, so the text is the same for any chunk size and stays prepared (DbCommands).</summary>
    private static async Task<HashSet<(string, Guid, Guid)>> WriteWithArraysAsync(DbContext db, IReadOnlyList<ClaimedDelivery> deliveries, DateTime now, CancellationToken ct)
    {
        var sql = $"""
            INSERT INTO {DbCommands.Table<InboxEntry>(db)} (subscriber, event_id, replay_id, handled_at)
            SELECT v.s, v.e, v.r, @h FROM unnest(@s, @e, @r) AS v(s, e, r)
            ON CONFLICT DO NOTHING
            RETURNING subscriber, event_id, replay_id
            """;
        var parameters = new Dictionary<string, object>
        {
            ["@h"] = now,
            ["@s"] = deliveries.Select(d => d.Subscriber).ToArray(),
            ["@e"] = deliveries.Select(d => d.Envelope.Id).ToArray(),
            ["@r"] = deliveries.Select(d => d.Envelope.ReplayId ?? Guid.Empty).ToArray(),
        };
        return (await DbCommands.QueryAsync(db, sql, parameters, r => (r.GetString(0), r.GetGuid(1), r.GetGuid(2)), ct, prepare: true)).ToHashSet();
    }

    private static async Task<HashSet<(string, Guid, Guid)>> WriteWithValuesAsync(DbContext db, IReadOnlyList<ClaimedDelivery> deliveries, DateTime now, CancellationToken ct)
    {
        var parameters = new Dictionary<string, object> { ["@h"] = now };
        var values = new List<string>(deliveries.Count);
        for (var i = 0; i < deliveries.Count; i++)
        {
            parameters[$"@s{i}"] = deliveries[i].Subscriber;
            parameters[$"@e{i}"] = deliveries[i].Envelope.Id;
            parameters[$"@r{i}"] = deliveries[i].Envelope.ReplayId ?? Guid.Empty;
            values.Add($"(@s{i}, @e{i}, @r{i}, @h)");
        }

        var sql = $"""
            INSERT INTO {DbCommands.Table<InboxEntry>(db)} (subscriber, event_id, replay_id, handled_at)
            VALUES {string.Join(", ", values)}
            ON CONFLICT DO NOTHING
            RETURNING subscriber, event_id, replay_id
            """;
        return (await DbCommands.QueryAsync(db, sql, parameters, r => (r.GetString(0), r.GetGuid(1), r.GetGuid(2)), ct)).ToHashSet();
    }
}
