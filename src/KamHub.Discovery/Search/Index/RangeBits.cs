namespace KamHub.Discovery.Search.Index;

/// <summary>
/// A range filter as a bit set by tour ordinal, in a few word operations: for cuts along an order (about every 1/64th
/// of it, always between two keys), the set of ordinals before each cut. The rows between positions <c>from</c> and
/// <c>to</c> are then "before the last cut up to <c>to</c>" and not "before the first cut from <c>from</c>", plus the
/// rows between a cut and the range's ends, set one by one (fewer than two bins' worth). Built with its snapshot.
/// </summary>
internal sealed class RangeBits
{
    /// <summary>How many bins an order is cut into: more bins, fewer edge rows, more memory (a bit per tour per cut).</summary>
    private const int Bins = 64;

    private readonly int[] _ordinals;
    private readonly int[] _cuts;
    private readonly ulong[]?[] _before;

    private RangeBits(int[] ordinals, int[] cuts, ulong[]?[] before)
    {
        _ordinals = ordinals;
        _cuts = cuts;
        _before = before;
    }

    public static readonly RangeBits Empty = new([], [0], [null]);

    /// <param name="order">The rows in key order.</param>
    /// <param name="ordinals">The rows' ordinals, index for index.</param>
    /// <param name="key">The key (NaN equals NaN): a cut never falls between two rows of the same key.</param>
    /// <param name="ceiling">One more than the greatest ordinal.</param>
    public static RangeBits Build(TourRow[] order, int[] ordinals, Func<TourFacts, double> key, int ceiling)
    {
        var n = order.Length;
        var bin = Math.Max(n / Bins, 256);
        var keys = new double[n];
        for (var i = 0; i < n; i++) keys[i] = key(order[i].Facts);
        // A cut where a bin's worth of rows has passed, and around any key that fills a bin by itself: then a range
        // (which always starts and ends between keys) leaves fewer than two bins' worth of rows between it and a cut.
        var cuts = new List<int> { 0 };
        var blockStart = 0;
        for (var i = 1; i < n; i++)
        {
            if (keys[i].Equals(keys[i - 1])) continue;
            var previousHeavy = i - blockStart >= bin;
            var nextHeavy = i + bin - 1 < n && keys[i + bin - 1].Equals(keys[i]);
            if (i - cuts[^1] >= bin || previousHeavy || nextHeavy) cuts.Add(i);
            blockStart = i;
        }

        if (n > 0) cuts.Add(n);
        var words = (ceiling + 63) >> 6;
        var before = new ulong[]?[cuts.Count];
        var running = new ulong[words];
        for (var c = 1; c < cuts.Count; c++)
        {
            for (var i = cuts[c - 1]; i < cuts[c]; i++) running[ordinals[i] >> 6] |= 1UL << ordinals[i];
            before[c] = (ulong[])running.Clone();
        }

        return new RangeBits(ordinals, cuts.ToArray(), before);
    }

    /// <summary>Writes the set of the order's rows at positions [<paramref name="from"/>, <paramref name="to"/>) into <paramref name="into"/> (all of it).</summary>
    public void Fill(ulong[] into, int words, int from, int to)
    {
        // The first cut at or after from, the last at or before to.
        var a = Array.BinarySearch(_cuts, from);
        if (a < 0) a = ~a;
        var z = Array.BinarySearch(_cuts, to);
        if (z < 0) z = ~z - 1;
        if (a < _cuts.Length && z >= 0 && a <= z)
        {
            var high = _before[z] ?? [];
            var low = _before[a] ?? [];
            var common = Math.Min(words, high.Length);
            var both = Math.Min(common, low.Length);
            for (var w = 0; w < both; w++) into[w] = high[w] & ~low[w];
            Array.Copy(high, both, into, both, common - both);
            Array.Clear(into, common, words - common);

            Set(into, from, _cuts[a]);
            Set(into, _cuts[z], to);
        }
        else
        {
            Array.Clear(into, 0, words);
            Set(into, from, to);
        }
    }

    private void Set(ulong[] into, int from, int to)
    {
        for (var i = from; i < to; i++) into[_ordinals[i] >> 6] |= 1UL << _ordinals[i];
    }
}
