using Microsoft.EntityFrameworkCore;

namespace KamHub.EventBus.TestHost;

/// <summary>
/// Multi-row inserts of the proof module's own rows in the caller's transaction: one statement per kind of row
/// (<c>unnest</c> of arrays on PostgreSQL, a VALUES list on SQLite).
/// </summary>
internal static class ProofRows
{
    public static Task InsertOrdersAsync(ProofDbContext db, IReadOnlyList<ProofOrder> orders, CancellationToken ct) =>
        InsertAsync(db, "orders", "id, aggregate_id, sequence, event_type, instance", orders.Count,
            [orders.Select(o => o.Id).ToArray(), orders.Select(o => o.AggregateId).ToArray(), orders.Select(o => o.Sequence).ToArray(),
             orders.Select(o => o.EventType).ToArray(), orders.Select(o => o.Instance).ToArray()], ct);

    public static Task InsertEffectsAsync(ProofDbContext db, IReadOnlyList<ProofEffect> effects, CancellationToken ct) =>
        InsertAsync(db, "effects", "subscriber, event_id, aggregate_id, sequence, previous_sequence, instance, published_at_ticks, handled_at_ticks", effects.Count,
            [effects.Select(e => e.Subscriber).ToArray(), effects.Select(e => e.EventId).ToArray(), effects.Select(e => e.AggregateId).ToArray(),
             effects.Select(e => e.Sequence).ToArray(), effects.Select(e => e.PreviousSequence).ToArray(), effects.Select(e => e.Instance).ToArray(),
             effects.Select(e => e.PublishedAtTicks).ToArray(), effects.Select(e => e.HandledAtTicks).ToArray()], ct);

    /// <summary><paramref name="columns"/> are arrays of <paramref name="rows"/> values each, in the order of <paramref name="names"/>.</summary>
    private static Task InsertAsync(ProofDbContext db, string table, string names, int rows, Array[] columns, CancellationToken ct)
    {
        if (rows == 0) return Task.CompletedTask;
        if (db.Database.IsNpgsql())
        {
            var arrays = string.Join(", ", columns.Select((_, i) => $"{{{i}}}"));
            return db.Database.ExecuteSqlRawAsync($"INSERT INTO {db.Table(table)} ({names}) SELECT * FROM unnest({arrays})", [.. columns], ct);
        }

        var values = Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", columns.Select((_, c) => $"{{{(r * columns.Length) + c}}}")) + ")");
        var arguments = Enumerable.Range(0, rows).SelectMany(r => columns.Select(c => c.GetValue(r)!)).ToArray();
        return db.Database.ExecuteSqlRawAsync($"INSERT INTO {db.Table(table)} ({names}) VALUES {string.Join(", ", values)}", arguments, ct);
    }
}
