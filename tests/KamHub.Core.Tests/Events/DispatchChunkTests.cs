using KamHub.Core.Events;

namespace KamHub.Core.Tests.Events;

/// <summary>
/// How a claimed batch becomes handler transactions: one per module database (subscribers recording in the same module
/// share it), split for parallelism only when each part still holds <see cref="EventDispatcher.ParallelChunkFloor"/>
/// deliveries, never above the chunk size.
/// </summary>
public sealed class DispatchChunkTests
{
    private static readonly Func<string, object> OneModule = _ => "module";

    private static List<ClaimedDelivery> Claimed(string subscriber, int count, int firstId = 1) =>
        Enumerable.Range(firstId, count).Select(i => new ClaimedDelivery(i, subscriber, 0, new EventEnvelope(
            Guid.NewGuid(), "widget.created", 1, $"w-{i}", DateTimeOffset.UnixEpoch, "c", null, "{}", i, "test"))).ToList();

    [Fact]
    public void Chunks_OfAFewDozenDeliveriesToSubscribersOfOneModule_AreOneTransaction()
    {
        var claimed = Claimed("a", 12).Concat(Claimed("b", 16, firstId: 100)).Concat(Claimed("c", 20, firstId: 200)).ToList();

        var chunks = EventDispatcher.Chunks(claimed, concurrency: 2, maxChunkSize: 100, OneModule).ToList();

        var chunk = Assert.Single(chunks);
        Assert.Equal(claimed.Select(d => d.Id), chunk.Select(d => d.Id));
    }

    [Fact]
    public void Chunks_OfSubscribersOfDifferentModules_NeverShareATransaction()
    {
        var claimed = Claimed("a", 12).Concat(Claimed("b", 16, firstId: 100)).ToList();

        var chunks = EventDispatcher.Chunks(claimed, concurrency: 2, maxChunkSize: 100, subscriber => subscriber).ToList();

        Assert.Equal([12, 16], chunks.Select(c => c.Length));
        Assert.All(chunks, c => Assert.Single(c.Select(d => d.Subscriber).Distinct()));
    }

    [Fact]
    public void Chunks_OfALargeBatch_SpreadOverTheParallelism_WithinTheChunkSize()
    {
        Assert.Equal([64, 64], EventDispatcher.Chunks(Claimed("a", 128), concurrency: 2, maxChunkSize: 100, OneModule).Select(c => c.Length));
        Assert.Equal([100, 100, 100], EventDispatcher.Chunks(Claimed("a", 300), concurrency: 2, maxChunkSize: 100, OneModule).Select(c => c.Length));
        Assert.Equal([20, 20, 20, 20, 20], EventDispatcher.Chunks(Claimed("a", 100), concurrency: 1, maxChunkSize: 20, OneModule).Select(c => c.Length));
        // Below the floor only a smaller configured chunk size splits.
        Assert.Equal([100], EventDispatcher.Chunks(Claimed("a", 100), concurrency: 2, maxChunkSize: 100, OneModule).Select(c => c.Length));
        Assert.Equal([4, 4, 2], EventDispatcher.Chunks(Claimed("a", 10), concurrency: 8, maxChunkSize: 4, OneModule).Select(c => c.Length));
    }
}
