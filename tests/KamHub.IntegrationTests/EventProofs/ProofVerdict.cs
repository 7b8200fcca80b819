namespace KamHub.IntegrationTests.EventProofs;

/// <summary>
/// What the proof tests assert, computed from the rows: committed events in the outbox, one effect per
/// (event, matching subscriber), none for others, and each subscriber's view of an aggregate in publish order.
/// Each list holds a few examples for the failure message; the counts are exact.
/// </summary>
public sealed record ProofVerdict(
    int Orders,
    int Effects,
    int ExpectedEffects,
    IReadOnlyList<Guid> CommittedButNotInOutbox,
    IReadOnlyList<Guid> InOutboxWithoutCommit,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> Doubled,
    IReadOnlyList<string> Unwanted,
    IReadOnlyList<string> OutOfOrder,
    IReadOnlyList<string> SequenceGaps)
{
    public static async Task<ProofVerdict> ComputeAsync(ProofDatabase database)
    {
        var orders = await database.OrdersAsync();
        var effects = await database.EffectsAsync();
        var outbox = (await database.OutboxEventIdsAsync()).ToHashSet();
        var orderIds = orders.Select(o => o.EventId).ToHashSet();
        var byPair = effects.GroupBy(e => (e.EventId, e.Subscriber)).ToDictionary(g => g.Key, g => g.Count());

        var expected = orders.SelectMany(o => ProofDatabase.Subscribers.Where(s => s.Pattern.Matches(o.EventType)).Select(s => (o.EventId, s.Name))).ToList();
        var expectedSet = expected.ToHashSet();
        var missing = expected.Where(p => !byPair.ContainsKey(p)).Select(p => $"{p.Name}/{p.EventId}").ToList();
        var doubled = byPair.Where(kv => kv.Value > 1).Select(kv => $"{kv.Key.Subscriber}/{kv.Key.EventId} x{kv.Value}").ToList();
        var unwanted = byPair.Keys.Where(p => !expectedSet.Contains(p)).Select(p => $"{p.Subscriber}/{p.EventId}").ToList();

        // The handler stored the highest sequence it had seen for the aggregate: in publish order that is always the
        // sequence of the aggregate's previous event this subscriber matches (proof.exact sees only every other one).
        var previousExpected = new Dictionary<(string Subscriber, Guid EventId), int>();
        foreach (var (name, pattern) in ProofDatabase.Subscribers)
        {
            foreach (var stream in orders.Where(o => pattern.Matches(o.EventType)).GroupBy(o => o.AggregateId))
            {
                var previous = 0;
                foreach (var order in stream.OrderBy(o => o.Sequence))
                {
                    previousExpected[(name, order.EventId)] = previous;
                    previous = order.Sequence;
                }
            }
        }

        var outOfOrder = effects.Where(e => previousExpected.TryGetValue((e.Subscriber, e.EventId), out var p) && p != e.PreviousSequence)
            .Select(e => $"{e.Subscriber}/{e.AggregateId}: saw #{e.Sequence} after #{e.PreviousSequence}").ToList();
        // Business rows of one aggregate are numbered 1..n with no hole: a hole would be a committed row missing.
        var gaps = orders.GroupBy(o => o.AggregateId)
            .Where(g => !g.Select(o => o.Sequence).Order().SequenceEqual(Enumerable.Range(1, g.Count())))
            .Select(g => g.Key).ToList();

        return new ProofVerdict(
            orders.Count, effects.Count, expected.Count,
            orders.Where(o => !outbox.Contains(o.EventId)).Select(o => o.EventId).ToList(),
            outbox.Where(id => !orderIds.Contains(id)).ToList(),
            missing, doubled, unwanted, outOfOrder, gaps);
    }

    public void AssertExactlyOnceInOrder(int expectedOrders)
    {
        Assert.Equal(expectedOrders, Orders);
        Assert.Empty(CommittedButNotInOutbox);
        Assert.Empty(InOutboxWithoutCommit);
        Assert.Empty(SequenceGaps);
        Assert.Empty(Missing.Take(10));
        Assert.Empty(Doubled.Take(10));
        Assert.Empty(Unwanted.Take(10));
        Assert.Empty(OutOfOrder.Take(10));
        Assert.Equal(ExpectedEffects, Effects);
    }
}
