using KamHub.Discovery.Tours.SearchTours;

namespace KamHub.Discovery.Search.Index;

/// <summary>The plan of a search: which sources its filters offer, what they are expected to cost, walk or scan.</summary>
internal sealed partial class IndexQuery
{
    /// <summary>
    /// How to find the page: walk the sort order, or scan the narrowest source a filter offers (a lexeme's tours, a region,
    /// a tag, a slice of an order by price, duration, rating or latitude, the tours with departures) and keep the best rows.
    /// The walk is expected to meet a match every n / (matches) rows, matches estimated as if the filters were independent.
    /// A range on the sort's own key narrows the walk itself to its slice.
    /// </summary>
    private QueryPlan Plan(ref ReadOnlyMemory<TourRow> walk)
    {
        var n = Math.Max(_s.Count, 1);
        double estimate = n;
        var scanCount = int.MaxValue;
        var scanCost = double.MaxValue;
        Action<Action<TourRow>>? scan = null;
        var empty = false;
        // weight: what scanning one row of the source costs, in walked rows (see ScanRowCost).
        void Source(int count, Action<Action<TourRow>> each, int weight = ScanRowCost)
        {
            if (count == 0) empty = true;
            estimate *= (double)count / n;
            if ((double)count * weight < scanCost) (scanCount, scanCost, scan) = (count, (double)count * weight, each);
        }

        void List(IndexedTour[]? list) => Source(list?.Length ?? 0, visit =>
        {
            foreach (var t in list ?? []) visit(new TourRow(t.Facts, t));
        });

        // A slice of an order and a bit set's rows (by ordinal) are read in memory order, their facts inline.
        void Range(ReadOnlyMemory<TourRow> slice) => Source(slice.Length, visit =>
        {
            foreach (var row in slice.Span) visit(row);
        }, SequentialRowCost);

        // Equality filters (region, difficulty, operator, tags, words): the ones with bit sets are intersected into one
        // exact set (a few microseconds per set on a million tours); the others are short lists of their own.
        var sets = new List<ulong[]>();
        void Equal<TKey>(TKey key, IReadOnlyDictionary<TKey, ulong[]> bits, IReadOnlyDictionary<TKey, IndexedTour[]> lists) where TKey : notnull
        {
            if (bits.TryGetValue(key, out var set)) sets.Add(set);
            else List(lists.GetValueOrDefault(key));
        }

        var c = _c;
        if (c.Region is { } region) Equal(region, _s.RegionBits, _s.ByRegion);
        if (c.Difficulty is { } difficulty) Equal(difficulty, _s.DifficultyBits, _s.ByDifficulty);
        if (c.OperatorId is { } operatorId) Equal(operatorId, _s.OperatorBits, _s.ByOperator);
        foreach (var tag in _tags) Equal(tag, _s.TagBits, _s.ByTag);
        if (c.MinPrice is not null || c.MaxPrice is not null)
        {
            var slice = Slice(_s.ByPrice, f => f.Price, c.MinPrice ?? long.MinValue, c.MaxPrice ?? long.MaxValue);
            if (c.Sort == SearchSort.Price) walk = slice;
            Range(slice);
        }

        if (c.MinDuration is not null || c.MaxDuration is not null)
        {
            var slice = Slice(_s.ByDuration, f => f.Duration, c.MinDuration ?? long.MinValue, c.MaxDuration ?? long.MaxValue);
            if (c.Sort == SearchSort.Duration) walk = slice;
            Range(slice);
        }

        if (c.MinRatingHundredths is { } minRating)
        {
            var slice = Slice(_s.ByRating, f => f.Rating, minRating, long.MaxValue);
            if (c.Sort == SearchSort.Rating) walk = slice;
            Range(slice);
        }

        if (_box is { } box)
        {
            Range(LatSlice(box.MinLat, box.MaxLat));
            if (box.MinLon is { } minLon)
            {
                Range(LonSlice(minLon, box.MaxLon!.Value));
                estimate *= Math.PI / 4; // the circle inscribed in its box
            }
        }

        if (c.Window is not null)
            Source(_departures.TourCount, visit =>
            {
                foreach (var t in _departures.Tours()) visit(new TourRow(t.Facts, t));
            });
        foreach (var id in _lexemes)
        {
            if (_s.LexemeBits.TryGetValue(id, out var set))
            {
                sets.Add(set);
                continue;
            }

            var postings = _s.Postings.GetValueOrDefault(id) ?? [];
            Source(postings.Length, visit =>
            {
                foreach (var p in postings) visit(new TourRow(p.Tour.Facts, p.Tour));
            });
        }

        if (sets.Count > 0 && !empty)
        {
            var (bits, count) = Intersect(sets);
            _combined = bits;
            Source(count, visit =>
            {
                var rows = _s.ByOrdinal;
                for (var w = 0; w < bits.Length; w++)
                {
                    for (var word = bits[w]; word != 0; word &= word - 1)
                    {
                        var o = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(word);
                        if (o < rows.Length && rows[o].Tour is not null) visit(rows[o]);
                    }
                }
            }, SequentialRowCost);
        }

        if (empty) return new QueryPlan(true, false, null, 0);
        // Expected rows walked to fill the page against rows scanned in the narrowest source.
        var walkCost = (_c.Limit + 1) * walk.Length / Math.Max(estimate, 1e-9);
        return new QueryPlan(false, scan is null || walkCost <= scanCost, scan, scanCount, estimate, scanCost);
    }

    /// <param name="Estimate">Matches expected in the whole catalogue, the filters taken as independent.</param>
    private readonly record struct QueryPlan(bool Empty, bool WalkFirst, Action<Action<TourRow>>? Scan, int ScanCount, double Estimate = 0,
        double ScanCost = 0);

    private static ReadOnlyMemory<TourRow> Slice(TourRow[] order, Func<TourFacts, long> key, long min, long max)
    {
        var from = LowerBound(order, r => key(r.Facts) >= min);
        var to = LowerBound(order, r => key(r.Facts) > max);
        return order.AsMemory(from, Math.Max(0, to - from));
    }

    /// <summary>The intersection of bit sets (in a buffer rented for this query) and how many bits it has.</summary>
    private (ulong[] Bits, int Count) Intersect(List<ulong[]> sets)
    {
        var words = sets.Min(b => b.Length);
        var bits = System.Buffers.ArrayPool<ulong>.Shared.Rent(Math.Max(words, 1));
        _rented.Add(bits);
        var count = 0;
        for (var w = 0; w < words; w++)
        {
            var word = sets[0][w];
            for (var i = 1; i < sets.Count && word != 0; i++) word &= sets[i][w];
            bits[w] = word;
            count += System.Numerics.BitOperations.PopCount(word);
        }

        Array.Clear(bits, words, bits.Length - words);
        return (bits, count);
    }

    private ReadOnlyMemory<TourRow> LonSlice(double min, double max)
    {
        var order = _s.ByLon;
        var from = LowerBound(order, r => r.Facts.Lon >= min);
        var to = LowerBound(order, r => r.Facts.Lon > max);
        return order.AsMemory(from, Math.Max(0, to - from));
    }

    private ReadOnlyMemory<TourRow> LatSlice(double min, double max)
    {
        var order = _s.ByLat;
        // Tours without a meeting point sort first (NaN compares false: "not reached").
        var from = LowerBound(order, r => r.Facts.Lat >= min);
        var to = LowerBound(order, r => r.Facts.Lat > max);
        return order.AsMemory(from, Math.Max(0, to - from));
    }

    /// <summary>The first index whose row satisfies a predicate that is false then true along the order.</summary>
    private static int LowerBound(TourRow[] order, Func<TourRow, bool> reached)
    {
        int lo = 0, hi = order.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (reached(order[mid])) hi = mid;
            else lo = mid + 1;
        }

        return lo;
    }
}
