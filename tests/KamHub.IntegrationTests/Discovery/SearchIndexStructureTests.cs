using KamHub.Discovery.Data;
using KamHub.Discovery.Search.Index;

namespace KamHub.IntegrationTests.Discovery;

/// <summary>
/// The search index's own structures on catalogues larger than the integration tests seed (ADR 0026): a range filter's
/// bit set must hold exactly the rows of its range, wherever the range falls against the cuts, and a word's document
/// list must find every tour it holds from wherever a walk left off.
/// </summary>
public sealed class SearchIndexStructureTests
{
    [Fact]
    public void RangeBits_Fill_HoldsExactlyTheRowsOfEveryRange()
    {
        var random = new Random(22);
        // 30,000 tours over 40,000 ordinals (gaps where tours left), keys with runs: one key holds 4,000 tours (more than a
        // bin), a few hundred keys hold the rest, some of them a single tour.
        const int n = 30_000, ceiling = 40_000;
        var ordinals = Enumerable.Range(0, ceiling).OrderBy(_ => random.Next()).Take(n).ToArray();
        var keys = Enumerable.Range(0, n).Select(i => i < 4_000 ? 500.0 : random.Next(0, 10) == 0 ? random.Next(0, 100_000) : random.Next(0, 400) * 2.5).Order().ToArray();
        var rows = keys.Select((k, i) => new TourRow(new TourFacts((long)k, 0, k, k, 0, 0, 0, TourDifficulty.Easy, ordinals[i], 0, Guid.Empty), null!)).ToArray();
        var bits = RangeBits.Build(rows, ordinals, f => f.Lat, ceiling);
        var words = (ceiling + 63) >> 6;
        var into = new ulong[words];
        for (var trial = 0; trial < 400; trial++)
        {
            // A range on key values, as a filter gives it: it starts and ends between two keys.
            var (low, high) = (keys[random.Next(n)], keys[random.Next(n)]);
            if (trial % 5 == 0) low = 500; // at the heavy key's edge
            if (low > high) (low, high) = (high, low);
            var from = Array.FindIndex(keys, k => k >= low);
            var to = Array.FindLastIndex(keys, k => k <= high) + 1;
            Array.Fill(into, ulong.MaxValue);
            bits.Fill(into, words, from, to);
            var expected = ordinals[from..to].Order().ToArray();
            var actual = Enumerable.Range(0, ceiling).Where(o => (into[o >> 6] & (1UL << o)) != 0).ToArray();
            Assert.True(expected.SequenceEqual(actual), $"[{low}, {high}] = rows {from}..{to}: expected {expected.Length} tours, the set holds {actual.Length}");
        }
    }

    [Fact]
    public void LexemeDocs_Find_FindsEveryOrdinalFromWhereTheWalkLeftOff()
    {
        var random = new Random(26);
        var ordinals = Enumerable.Range(0, 50_000).Where(_ => random.Next(7) == 0).ToArray();
        var builder = new LexemeDocs.Builder(ordinals.Length, ordinals.Length * 2);
        foreach (var o in ordinals) builder.Add(o, [(ushort)(o % 100 + 1), (ushort)(o % 100 + 3)]);
        var docs = builder.Build()!;
        var cursor = 0;
        for (var o = 0; o < 50_000; o += 1 + random.Next(40))
        {
            var at = docs.Find(o, cursor);
            var expected = Array.BinarySearch(ordinals, o);
            Assert.Equal(expected, at);
            cursor = at >= 0 ? at + 1 : ~at;
            if (at >= 0) Assert.Equal([(ushort)(o % 100 + 1), (ushort)(o % 100 + 3)], docs.PositionsAt(at).ToArray());
        }
    }

    [Fact]
    public void LexemeDocs_Builder_KeepsTheToursThatStayAndAppendsTheNewOnes()
    {
        var first = new LexemeDocs.Builder(3, 3);
        first.Add(2, [1]);
        first.Add(5, [2]);
        first.Add(9, [3]);
        var next = new LexemeDocs.Builder(4, 4);
        next.AddKept(first.Build()!, [5]);
        next.Add(12, [4]);
        var docs = next.Build()!;
        Assert.Equal([2, 9, 12], docs.Ordinals);
        Assert.Equal([(ushort)3], docs.PositionsAt(1).ToArray());
        Assert.Equal([(ushort)4], docs.PositionsAt(2).ToArray());
    }

    [Fact]
    public void SortedEdit_Apply_GivesWhatSortingTheChangedListGives()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 200; trial++)
        {
            var old = Enumerable.Range(0, random.Next(0, 300)).Select(_ => random.Next(0, 1000) * 2).Distinct().Order().ToArray();
            var removed = old.Where(_ => random.Next(5) == 0).ToList();
            var added = Enumerable.Range(0, random.Next(0, 20)).Select(_ => random.Next(0, 1000) * 2 + 1).Distinct().ToList();
            var expected = old.Except(removed).Concat(added).Order().ToArray();
            Assert.Equal(expected, SortedEdit.Apply(old, removed, added, Comparer<int>.Default));
        }
    }
}
