using System.Globalization;
using System.Text.Json;
using KamHub.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KamHub.EventBus.TestHost;

/// <summary>
/// Publishes proof events the way a module would: in one transaction, the aggregate's counter moves on (a row lock
/// that orders concurrent publishers of one aggregate), the business row is inserted and the event is published.
/// </summary>
public sealed class ProofPublisher(IServiceScopeFactory scopes, IEventPublisher publisher, IOptions<ProofOptions> options, TimeProvider clock)
{
    public static string AggregateId(int index) => "order-" + index.ToString("D5", CultureInfo.InvariantCulture);

    /// <summary>Creates the aggregates; instances starting together may both try, so conflicts are ignored.</summary>
    public async Task EnsureAggregatesAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProofDbContext>();
        var table = db.Table("aggregates");
        for (var i = 0; i < options.Value.Aggregates; i++)
        {
            var id = AggregateId(i);
            await db.Database.ExecuteSqlRawAsync($"INSERT INTO {table} (id, last_sequence) VALUES ({{0}}, 0) ON CONFLICT DO NOTHING", [id], ct);
        }
    }

    /// <summary>
    /// Publishes until this instance's committed business rows reach <see cref="ProofOptions.Events"/> (so a restart
    /// continues), with <see cref="ProofOptions.Publishers"/> loops, at <see cref="ProofOptions.Rate"/> if set.
    /// <paramref name="total"/> overrides <see cref="ProofOptions.Events"/> (the bench's warm-up publishes part of it first).
    /// <paramref name="viaBus"/> false writes the subscribers' effect rows directly instead: the ceiling for the bench.
    /// <paramref name="withBusRows"/> (without the bus) also writes the outbox row of each event and the inbox row of each
    /// effect directly: the floor of any bus that keeps an event history and an inbox, with no delivery work at all.
    /// </summary>
    public async Task<int> PublishAllAsync(bool viaBus, CancellationToken ct, int? total = null, bool withBusRows = false)
    {
        var settings = options.Value;
        int already;
        await using (var scope = scopes.CreateAsyncScope())
            already = await scope.ServiceProvider.GetRequiredService<ProofDbContext>().Orders.CountAsync(o => o.Instance == settings.Instance, ct);

        var remaining = Math.Max(0, (total ?? settings.Events) - already);
        var next = 0;
        var started = clock.GetTimestamp();
        var perTransaction = Math.Max(1, Math.Min(settings.EventsPerTransaction, settings.Aggregates));
        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, settings.Publishers)).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var first = Interlocked.Add(ref next, perTransaction) - perTransaction;
                if (first >= remaining) return;
                var count = Math.Min(perTransaction, remaining - first);
                if (settings.Rate > 0)
                {
                    var due = TimeSpan.FromSeconds((double)first / settings.Rate) - clock.GetElapsedTime(started);
                    if (due > TimeSpan.Zero) await Task.Delay(due, clock, ct);
                }

                await PublishTransactionAsync(PickAggregates(count, settings.Aggregates), viaBus, withBusRows, ct);
            }
        }, ct)));
        return remaining;
    }

    /// <summary>Distinct aggregates in ascending order, so concurrent transactions lock them in one order (no deadlock).</summary>
    private static List<string> PickAggregates(int count, int aggregates)
    {
        var picked = new SortedSet<int>();
#pragma warning disable CA5394 // not security sensitive
        while (picked.Count < count) picked.Add(Random.Shared.Next(aggregates));
#pragma warning restore CA5394
        return picked.Select(AggregateId).ToList();
    }

    private async Task PublishTransactionAsync(List<string> aggregates, bool viaBus, bool withBusRows, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProofDbContext>();
        // This transaction is ours and rolls back whole on failure: EF's savepoint around SaveChanges would only cost round trips.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var sequences = await NextSequencesAsync(db, aggregates, ct);
        var orders = new List<ProofOrder>(aggregates.Count);
        var effects = new List<ProofEffect>();
        var outbox = new List<(Guid Id, string Type, string AggregateId, string Payload)>();
        foreach (var aggregate in aggregates)
        {
            var sequence = sequences[aggregate];
            var now = clock.GetUtcNow().UtcTicks;
            IProofEvent payload = sequence % 2 == 1 ? new ProofOrdered(aggregate, sequence, now) : new ProofAmended(aggregate, sequence, now);
            var type = payload is ProofOrdered ? ProofOrdered.EventName : ProofAmended.EventName;
            var eventId = viaBus ? publisher.Publish(db, aggregate, payload) : Guid.CreateVersion7();
            orders.Add(new ProofOrder { Id = eventId, AggregateId = aggregate, Sequence = sequence, EventType = type, Instance = options.Value.Instance });
            if (!viaBus) AddEffectsDirectly(effects, eventId, type, payload);
            if (!viaBus && withBusRows) outbox.Add((eventId, type, aggregate, JsonSerializer.Serialize(payload, payload.GetType(), EventEnvelope.JsonOptions)));
        }

        // Business rows (and, without the bus, the effect rows) as multi-row statements: the cheapest honest way to
        // write them, so the raw run is a ceiling and the bus run pays only for the bus.
        await ProofRows.InsertOrdersAsync(db, orders, ct);
        if (viaBus) await db.SaveChangesAsync(ct);
        else await ProofRows.InsertEffectsAsync(db, effects, ct);
        if (!viaBus && withBusRows)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await ProofRows.InsertOutboxAsync(db, outbox, now, ct);
            await ProofRows.InsertInboxAsync(db, effects, now, ct);
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Moves every aggregate's counter on in one statement. PostgreSQL locks the rows in id order first (the same order
    /// in every transaction, so concurrent publishers cannot deadlock); SQLite has one writer at a time anyway.
    /// </summary>
    private static async Task<Dictionary<string, int>> NextSequencesAsync(ProofDbContext db, List<string> aggregates, CancellationToken ct)
    {
        var table = db.Table("aggregates");
        var rows = db.Database.IsNpgsql()
            ? await db.Database.SqlQueryRaw<AggregateSequence>($$"""
                WITH locked AS (SELECT id FROM {{table}} WHERE id = ANY({0}) ORDER BY id FOR UPDATE)
                UPDATE {{table}} a SET last_sequence = a.last_sequence + 1 FROM locked WHERE a.id = locked.id
                RETURNING a.id AS "Id", a.last_sequence AS "LastSequence"
                """, [aggregates.ToArray()]).ToListAsync(ct)
            : await db.Database.SqlQueryRaw<AggregateSequence>(
                $"UPDATE {table} SET last_sequence = last_sequence + 1 WHERE id IN ({string.Join(", ", aggregates.Select((_, i) => $"{{{i}}}"))}) RETURNING id AS \"Id\", last_sequence AS \"LastSequence\"",
                [.. aggregates]).ToListAsync(ct);
        if (rows.Count != aggregates.Count) throw new InvalidOperationException($"Expected {aggregates.Count} aggregates, found {rows.Count}.");
        return rows.ToDictionary(r => r.Id, r => r.LastSequence);
    }

    internal sealed class AggregateSequence
    {
        public string Id { get; set; } = "";

        public int LastSequence { get; set; }
    }

    /// <summary>The rows the subscribers would write, written by the publisher itself: the same end state without the bus.</summary>
    private void AddEffectsDirectly(List<ProofEffect> effects, Guid eventId, string type, IProofEvent payload)
    {
        foreach (var (name, pattern) in ProofModule.Subscribers)
        {
            if (!EventTypePattern.Parse(pattern).Matches(type)) continue;
            effects.Add(new ProofEffect
            {
                Subscriber = name,
                EventId = eventId,
                AggregateId = payload.OrderId,
                Sequence = payload.Sequence,
                PreviousSequence = payload.Sequence - 1,
                Instance = options.Value.Instance,
                PublishedAtTicks = payload.PublishedAtTicks,
                HandledAtTicks = clock.GetUtcNow().UtcTicks,
            });
        }
    }
}
