using Microsoft.EntityFrameworkCore;
using Wolverine;

namespace KamHub.Bench.Wolverine;

/// <summary>
/// The three subscribers of the TestHost (exact: proof.ordered; prefix and all: both events). With
/// <c>MultipleHandlerBehavior.Separated</c> each class gets its own durable local queue, its own transaction (Wolverine's
/// EF Core middleware, eager mode) and its own inbox mark in that transaction: the same guarantees as our subscribers.
/// </summary>
public static class ProofEffect
{
    /// <summary>One effect row with the sequence this subscriber last recorded for the aggregate (order check).</summary>
    public static Task RecordAsync(BenchDb db, string subscriber, Envelope envelope, IProofEvent e, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync("""
            INSERT INTO proof.effects (subscriber, event_id, aggregate_id, sequence, previous_sequence, instance, published_at_ticks, handled_at_ticks)
            SELECT {0}, {1}, {2}, {3}, COALESCE((SELECT MAX(x.sequence) FROM proof.effects x WHERE x.subscriber = {0} AND x.aggregate_id = {2}), 0), 'a', {4}, {5}
            """, [subscriber, envelope.Id, e.OrderId, e.Sequence, e.PublishedAtTicks, TimeProvider.System.GetUtcNow().UtcTicks], ct);
}

public sealed class ExactProofHandler
{
    public static Task Handle(ProofOrdered e, Envelope envelope, BenchDb db, CancellationToken ct) => ProofEffect.RecordAsync(db, "proof.exact", envelope, e, ct);
}

public sealed class PrefixProofHandler
{
    public static Task Handle(ProofOrdered e, Envelope envelope, BenchDb db, CancellationToken ct) => ProofEffect.RecordAsync(db, "proof.prefix", envelope, e, ct);

    public static Task Handle(ProofAmended e, Envelope envelope, BenchDb db, CancellationToken ct) => ProofEffect.RecordAsync(db, "proof.prefix", envelope, e, ct);
}

public sealed class AllProofHandler
{
    public static Task Handle(ProofOrdered e, Envelope envelope, BenchDb db, CancellationToken ct) => ProofEffect.RecordAsync(db, "proof.all", envelope, e, ct);

    public static Task Handle(ProofAmended e, Envelope envelope, BenchDb db, CancellationToken ct) => ProofEffect.RecordAsync(db, "proof.all", envelope, e, ct);
}
