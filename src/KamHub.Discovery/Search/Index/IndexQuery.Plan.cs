using System.Buffers;
using System.Numerics;
using KamHub.Discovery.Tours.SearchTours;

namespace KamHub.Discovery.Search.Index;

/// <summary>The plan of a search: its filters as one bit set, and whether to walk the sort order or read the set.</summary>
internal sealed partial class IndexQuery
{
    /// <summary>
    /// Intersects every filter that is a set of tours into <see cref="_combined"/>: an equal region, difficulty, operator,
    /// tag or word (the snapshot's bit set, or a short list set bit by bit) and a range of price, duration, rating,
    /// latitude or longitude (<see cref="RangeBits"/>): a few microseconds a filter on a million tours. The set is then
    /// exact but for the circle inside its box and the departure window, which each candidate is tested for. A range
    /// on the sort's own key also narrows <paramref name="walk"/> to its slice. False: nothing can match.
    /// </summary>
    private bool Narrow(ref ReadOnlyMemory<TourRow> walk)
    {
        var c = _c;
        if (c.Region is { } region && !Equal(region, _s.RegionBits, _s.ByRegion)) return false;
        if (c.Difficulty is { } difficulty && !Equal(difficulty, _s.DifficultyBits, _s.ByDifficulty)) return false;
        if (c.OperatorId is { } operatorId && !Equal(operatorId, _s.OperatorBits, _s.ByOperator)) return false;
        foreach (var tag in _tags)
        {
            if (!Equal(tag, _s.TagBits, _s.ByTag)) return false;
        }

        foreach (var id in _lexemes)
        {
            if (_s.LexemeBits.TryGetValue(id, out var set)) And(set);
            else if (!AndList(_s.Postings.GetValueOrDefault(id), p => p.Ordinal)) return false;
        }

        if (c.MinPrice is not null || c.MaxPrice is not null)
        {
            var (from, to) = Slice(_s.ByPrice, f => f.Price, c.MinPrice ?? double.MinValue, c.MaxPrice ?? double.MaxValue);
            if (c.Sort == SearchSort.Price) walk = _s.ByPrice.AsMemory(from, to - from);
            if (!AndRange(_s.PriceBits, from, to, _s.ByPrice.Length)) return false;
        }

        if (c.MinDuration is not null || c.MaxDuration is not null)
        {
            var (from, to) = Slice(_s.ByDuration, f => f.Duration, c.MinDuration ?? double.MinValue, c.MaxDuration ?? double.MaxValue);
            if (c.Sort == SearchSort.Duration) walk = _s.ByDuration.AsMemory(from, to - from);
            if (!AndRange(_s.DurationBits, from, to, _s.ByDuration.Length)) return false;
        }

        if (c.MinRatingHundredths is { } minRating)
        {
            var (from, to) = Slice(_s.ByRating, f => f.Rating, minRating, double.MaxValue);
            if (c.Sort == SearchSort.Rating) walk = _s.ByRating.AsMemory(from, to - from);
            if (!AndRange(_s.RatingBits, from, to, _s.ByRating.Length)) return false;
        }

        if (_box is { } box)
        {
            // Tours without a meeting point sort first (NaN compares false: "not reached").
            var (from, to) = Slice(_s.ByLat, f => f.Lat, box.MinLat, box.MaxLat);
            if (!AndRange(_s.LatBits, from, to, -1)) return false;
            if (box.MinLon is { } minLon)
            {
                (from, to) = Slice(_s.ByLon, f => f.Lon, minLon, box.MaxLon!.Value);
                if (!AndRange(_s.LonBits, from, to, -1)) return false;
            }
        }

        if (_combined is null) return true;
        _count = 0;
        for (var w = 0; w < _words; w++) _count += BitOperations.PopCount(_combined[w]);
        return _count > 0;
    }

    /// <summary>
    /// The cheaper way to read every candidate instead of walking an order: the combined set's members, or the tours
    /// departing in the window. Matches: how many of <paramref name="walkLength"/> rows are expected to match (the
    /// window taken as independent of the other filters); zero when no tour departs in the window.
    /// </summary>
    private (Action<Action<TourRow>>? Read, double Cost, double Matches, bool ByWindow) Reading(int walkLength)
    {
        Action<Action<TourRow>>? read = null;
        var cost = double.MaxValue;
        var byWindow = false;
        double matches = _combined is not null ? _count : walkLength;
        if (_combined is not null) (read, cost) = (EachMember, _words + (double)_count * RowCost);
        if (_c.Window is { } window)
        {
            var candidates = _departures.CountIn(window, _now);
            matches *= Math.Min(1.0, (double)candidates / Math.Max(_s.Count, 1));
            // A lookup by id, then the tour.
            var windowCost = (double)candidates * RowCost * 2;
            if (windowCost < cost) (read, cost, byWindow) = (visit => _departures.EachIn(window, _now, t => visit(new TourRow(t.Facts, t))), windowCost, true);
        }

        return (read, cost, matches, byWindow);
    }

    private bool Equal<TKey>(TKey key, IReadOnlyDictionary<TKey, ulong[]> bits, IReadOnlyDictionary<TKey, IndexedTour[]> lists) where TKey : notnull
    {
        if (!bits.TryGetValue(key, out var set)) return AndList(lists.GetValueOrDefault(key), t => t.Ordinal);
        And(set);
        return true;
    }

    /// <summary>Intersects a set that may be shorter than the snapshot's ordinals (it was built before the newest tours came).</summary>
    private void And(ulong[] set)
    {
        var common = Math.Min(_words, set.Length);
        if (_combined is null)
        {
            _combined = Rent();
            Array.Copy(set, _combined, common);
        }
        else
        {
            for (var w = 0; w < common; w++) _combined[w] &= set[w];
        }

        Array.Clear(_combined, common, _words - common);
    }

    private bool AndList<T>(T[]? list, Func<T, int> ordinal)
    {
        if (list is null || list.Length == 0) return false;
        var set = _combined is null ? _combined = Rent() : Rent();
        Array.Clear(set, 0, _words);
        foreach (var item in list)
        {
            var o = ordinal(item);
            set[o >> 6] |= 1UL << o;
        }

        if (set != _combined) And(set);
        return true;
    }

    /// <summary>Intersects the rows at [from, to) of an order; <paramref name="whole"/>: the order's length, when all of it means no filter.</summary>
    private bool AndRange(RangeBits bits, int from, int to, int whole)
    {
        if (from >= to) return false;
        if (from == 0 && to == whole) return true;
        var set = Rent();
        bits.Fill(set, _words, from, to);
        And(set);
        return true;
    }

    private ulong[] Rent()
    {
        var buffer = ArrayPool<ulong>.Shared.Rent(Math.Max(_words, 1));
        _rented.Add(buffer);
        return buffer;
    }

    /// <summary>Every tour of the combined set, in ordinal order (a map search's circle tested on the compact points first).</summary>
    private void EachMember(Action<TourRow> visit)
    {
        var rows = _s.ByOrdinal;
        var points = _s.PointByOrdinal;
        var bits = _combined!;
        var map = _box is not null;
        for (var w = 0; w < _words; w++)
        {
            for (var word = bits[w]; word != 0; word &= word - 1)
            {
                var o = (w << 6) + BitOperations.TrailingZeroCount(word);
                if (o >= rows.Length || (map && !InCircle(points[o].Lat, points[o].Lon))) continue;
                if (rows[o].Tour is not null) visit(rows[o]);
            }
        }
    }

    /// <summary>The positions [from, to) of an order whose key is in [min, max] (a NaN key, no meeting point, is never in).</summary>
    private static (int From, int To) Slice(TourRow[] order, Func<TourFacts, double> key, double min, double max) =>
        (LowerBound(order, r => key(r.Facts) >= min), LowerBound(order, r => key(r.Facts) > max));

    /// <summary>The first index whose row satisfies a predicate that is false then true along the order.</summary>
    private static int LowerBound<T>(T[] order, Func<T, bool> reached)
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
