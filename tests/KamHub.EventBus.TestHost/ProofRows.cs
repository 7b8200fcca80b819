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

    /// <summary>Outbox rows as the bus writes them (the floor run of bench/events; nothing delivers them).</summary>
    public static Task InsertOutboxAsync(ProofDbContext db, IReadOnlyList<(Guid Id, string Type, string AggregateId, string Payload)> events, DateTime now, CancellationToken ct) =>
        InsertAsync(db, "outbox_events", "id, type, version, aggregate_id, occurred_at, correlation_id, payload", events.Count,
            [events.Select(e => e.Id).ToArray(), events.Select(e => e.Type).ToArray(), events.Select(_ => 1).ToArray(), events.Select(e => e.AggregateId).ToArray(),
             events.Select(_ => now).ToArray(), events.Select(_ => "bench").ToArray(), events.Select(e => e.Payload).ToArray()], ct);

    /// <summary>The inbox row each effect's subscriber would write (the floor run of bench/events).</summary>
    public static Task InsertInboxAsync(ProofDbContext db, IReadOnlyList<ProofEffect> effects, DateTime now, CancellationToken ct) =>
        InsertAsync(db, "event_inbox", "subscriber, event_id, replay_id, handled_at", effects.Count,
            [effects.Select(e => e.Subscriber).ToArray(), effects.Select(e => e.EventId).ToArray(), effects.Select(_ => Guid.Empty).ToArray(),
             effects.Select(_ => now).ToArray()], ct);

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
