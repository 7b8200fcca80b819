using KamHub.Core.DataToolkit.Moves;

namespace KamHub.Core.Tests.DataToolkit;

/// <summary>
/// Shadow-read totals are added by checks on pool threads while the move worker drains them into the move row. Every
/// count added is drained exactly once, and a drained snapshot that counts a mismatch also names it (CI once saw a
/// move row with one mismatch and no name: the worker had read the fields one by one while a check was adding).
/// </summary>
public sealed class ShadowCountsTests
{
    [Fact]
    public async Task Drain_WhileChecksAdd_LosesNoCount_AndNeverCountsAMismatchWithoutItsName()
    {
        const int Adders = 4;
        const int PerAdder = 20_000;
        var counts = new ShadowCounts();
        var mismatch = new ShadowResult(2, [new ShadowMismatch("bookings", "k", "different", "new")], 0);
        var equal = new ShadowResult(3, [], 0);
        var adding = Enumerable.Range(0, Adders).Select(a => Task.Run(() =>
        {
            for (var i = 0; i < PerAdder; i++) counts.Add(i % 2 == 0 ? equal : mismatch);
        })).ToArray();

        var drained = new List<ShadowTotals>();
        var all = Task.WhenAll(adding);
        while (!all.IsCompleted) drained.Add(counts.Drain());
        await all;
        drained.Add(counts.Drain());

        Assert.Equal(Adders * PerAdder, drained.Sum(t => t.Reads));
        Assert.Equal(Adders * PerAdder / 2, drained.Sum(t => t.Mismatches));
        Assert.Equal(Adders * PerAdder / 2 * 3 + Adders * PerAdder / 2 * 3, drained.Sum(t => t.Rows));
        Assert.All(drained.Where(t => t.Mismatches > 0), t => Assert.Equal("bookings [k] different on the new database", t.LastMismatch));
        Assert.True(counts.Drain().IsEmpty);
    }
}
