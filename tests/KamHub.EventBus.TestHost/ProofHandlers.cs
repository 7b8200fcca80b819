using KamHub.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KamHub.EventBus.TestHost;

/// <summary>
/// Records one effect row per event in the bus's handler transaction, with the sequence it last saw for the aggregate:
/// if deliveries of one aggregate overtook each other, <see cref="ProofEffect.PreviousSequence"/> would not be
/// <c>Sequence - 1</c>. Written as a careful module author writes a hot subscriber: a batch handler doing the whole
/// chunk in one <c>INSERT … SELECT</c> on the bus's transaction (a chunk holds one event per aggregate, so each row's
/// "previous" subquery sees only committed earlier events).
/// </summary>
public abstract class ProofHandler(string subscriber, ProofDbContext db, IOptions<ProofOptions> options, TimeProvider clock) : IEventBatchHandler
{
    public Task HandleAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken ct)
    {
        var payloads = envelopes.Select(e => e.PayloadAs<ProofPayload>()).ToList();
        var effects = db.Table("effects");
        // {0} subscriber, {1} instance, {2} handled-at ticks; the rows come from v (event_id, aggregate_id, sequence, published).
        var insert = $$"""
            INSERT INTO {{effects}} (subscriber, event_id, aggregate_id, sequence, previous_sequence, instance, published_at_ticks, handled_at_ticks)
            SELECT {0}, v.event_id, v.aggregate_id, v.sequence,
                   COALESCE((SELECT MAX(x.sequence) FROM {{effects}} x WHERE x.subscriber = {0} AND x.aggregate_id = v.aggregate_id), 0),
                   {1}, v.published, {2}
            """;
        var arguments = new List<object> { subscriber, options.Value.Instance, clock.GetUtcNow().UtcTicks };
        if (db.Database.IsNpgsql())
        {
            arguments.AddRange([envelopes.Select(e => e.Id).ToArray(), envelopes.Select(e => e.AggregateId).ToArray(),
                payloads.Select(p => p.Sequence).ToArray(), payloads.Select(p => p.PublishedAtTicks).ToArray()]);
            return db.Database.ExecuteSqlRawAsync(insert + " FROM unnest({3}, {4}, {5}, {6}) AS v(event_id, aggregate_id, sequence, published)", arguments, ct);
        }

        // SQLite has no arrays: the same rows as a VALUES list.
        var values = new List<string>(envelopes.Count);
        for (var i = 0; i < envelopes.Count; i++)
        {
            var at = arguments.Count;
            values.Add($"({{{at}}}, {{{at + 1}}}, {{{at + 2}}}, {{{at + 3}}})");
            arguments.AddRange([envelopes[i].Id, envelopes[i].AggregateId, payloads[i].Sequence, payloads[i].PublishedAtTicks]);
        }

        return db.Database.ExecuteSqlRawAsync($"WITH v(event_id, aggregate_id, sequence, published) AS (VALUES {string.Join(", ", values)}) {insert} FROM v", arguments, ct);
    }
}

public sealed class ExactProofHandler(ProofDbContext db, IOptions<ProofOptions> options, TimeProvider clock)
    : ProofHandler("proof.exact", db, options, clock);

public sealed class PrefixProofHandler(ProofDbContext db, IOptions<ProofOptions> options, TimeProvider clock)
    : ProofHandler("proof.prefix", db, options, clock);

public sealed class AllProofHandler(ProofDbContext db, IOptions<ProofOptions> options, TimeProvider clock)
    : ProofHandler("proof.all", db, options, clock);
