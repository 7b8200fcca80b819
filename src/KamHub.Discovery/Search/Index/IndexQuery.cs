using System.Globalization;
using KamHub.Discovery.Availability;
using KamHub.Discovery.Tours;
using KamHub.Discovery.Tours.SearchTours;

namespace KamHub.Discovery.Search.Index;

/// <summary>
/// One search over a snapshot: the same filters, orders, keyset cursors and page as <see cref="TourSearch"/>'s SQL, in
/// memory. It starts from the narrowest source a filter offers (a lexeme's tours, a region, a tag, a price or latitude
/// slice of an order, the tours with departures) and checks every filter on each; when no source is narrow it walks the
/// sort order from the cursor and stops at the page's end. See ADR 0026.
/// </summary>
internal sealed class IndexQuery
{
    /// <summary>A source this much smaller than the catalogue is scanned whole and its best rows kept; a larger one is not used.</summary>
    private const int NarrowFactor = 8;

    private readonly IndexSnapshot _s;
    private readonly SearchCriteria _c;
    private readonly IndexDepartures _departures;
    private readonly DateTime _now;
    private readonly int[] _lexemes;
    private readonly (double MinLat, double MaxLat, double? MinLon, double? MaxLon)? _box;

    private IndexQuery(IndexSnapshot snapshot, SearchCriteria c, IndexDepartures departures, DateTime now, int[] lexemes)
    {
        _s = snapshot;
        _c = c;
        _departures = departures;
        _now = now;
        _lexemes = lexemes;
        if (c.Near is { } p)
        {
            // The bounding box of the SQL, to the same rounding; the circle is then checked exactly.
            var dLat = c.RadiusKm / 111.32;
            double? minLon = null, maxLon = null;
            var cos = Math.Cos(p.Lat * Math.PI / 180);
            if (cos > 0.01)
            {
                var dLon = c.RadiusKm / (111.32 * cos);
                if (p.Lon - dLon >= -180 && p.Lon + dLon <= 180) (minLon, maxLon) = (p.Lon - dLon, p.Lon + dLon);
            }

            _box = (p.Lat - dLat, p.Lat + dLat, minLon, maxLon);
        }
    }

    public static SearchPage Run(IndexSnapshot snapshot, Lexicon lexicon, IndexDepartures departures, SearchCriteria c, DateTime now)
    {
        if (c.HasQuery && c.Terms.Count == 0) return new SearchPage([], null);
        int[] lexemes = [];
        if (c.HasQuery)
        {
            var words = SearchTokens.Lexemes(FullTextTerms.ToPostgres(c.Terms)).Distinct(StringComparer.Ordinal).ToList();
            // plainto_tsquery of no lexeme matches nothing; a lexeme no tour ever had cannot match either.
            if (words.Count == 0) return new SearchPage([], null);
            // tsrank.c ranks the query's lexemes sorted by their bytes: the same order keeps the float sums equal.
            words.Sort(Utf8Order);
            lexemes = words.Select(lexicon.Find).ToArray();
            if (lexemes.Any(id => id < 0)) return new SearchPage([], null);
        }

        return new IndexQuery(snapshot, c, departures, now, lexemes).Page();
    }

    private SearchPage Page() => _lexemes.Length > 0 && _c.Sort == SearchSort.Relevance ? ByRelevance() : BySortKey();

    private SearchPage BySortKey()
    {
        var order = SortOrders.Ascending(_c.Sort);
        var all = _c.Sort switch
        {
            SearchSort.Price => _s.ByPrice,
            SearchSort.Duration => _s.ByDuration,
            SearchSort.Rating => _s.ByRating,
            _ => _s.ByCreated,
        };
        var take = _c.Limit + 1;
        var (source, sourceIsOrder) = NarrowestSource(all);
        if (sourceIsOrder)
        {
            // Walk the order (or a slice of it by this very key) from the cursor: the first matches are the page.
            var found = new List<IndexedTour>(take);
            var segment = source.Span;
            if (!_c.Desc)
            {
                for (var i = _c.After is null ? 0 : FirstAfter(segment, order); i < segment.Length && found.Count < take; i++)
                    if (Matches(segment[i])) found.Add(segment[i]);
            }
            else
            {
                for (var i = (_c.After is null ? segment.Length : FirstAfter(segment, order, orAt: true)) - 1; i >= 0 && found.Count < take; i--)
                    if (Matches(segment[i])) found.Add(segment[i]);
            }

            return Finish(found);
        }

        var best = new TopRows<IndexedTour>(take, _c.Desc ? Comparer<IndexedTour>.Create((a, b) => order.Compare(b, a)) : order);
        foreach (var tour in source.Span)
        {
            if (AfterCursor(tour) && Matches(tour)) best.Offer(tour);
        }

        return Finish(best.InOrder());
    }

    private SearchPage ByRelevance()
    {
        var take = _c.Limit + 1;
        // The rarest lexeme's tours are the candidates; with one lexeme they are already in relevance order.
        var rarest = _lexemes.Select(id => _s.Postings.TryGetValue(id, out var p) ? p : []).MinBy(p => p.Length)!;
        var afterRank = _c.After is null ? float.PositiveInfinity : (float)double.Parse(_c.After.Key, CultureInfo.InvariantCulture);
        var afterId = _c.After?.Id ?? Guid.Empty;
        if (_lexemes.Length == 1)
        {
            var found = new List<Posting>(take);
            foreach (var posting in rarest)
            {
                if (!IsAfter(posting.Rank, posting.Tour.Id, afterRank, afterId) || !Matches(posting.Tour)) continue;
                found.Add(posting);
                if (found.Count == take) break;
            }

            return Finish(found);
        }

        var best = new TopRows<Posting>(take, Posting.ByRelevance);
        var positions = new ushort[_lexemes.Length][];
        foreach (var posting in rarest)
        {
            var tour = posting.Tour;
            var all = true;
            for (var i = 0; i < _lexemes.Length && all; i++) all = (positions[i] = tour.PositionsOf(_lexemes[i])!) is not null;
            if (!all || !Matches(tour)) continue;
            var rank = TextRank.Rank(positions);
            if (IsAfter(rank, tour.Id, afterRank, afterId)) best.Offer(new Posting(tour, rank));
        }

        return Finish(best.InOrder());
    }

    /// <summary>Strictly after the cursor in relevance order (rank descending, id ascending).</summary>
    private static bool IsAfter(float rank, Guid id, float afterRank, Guid afterId) =>
        float.IsPositiveInfinity(afterRank) || rank < afterRank || (rank == afterRank && id.CompareTo(afterId) > 0);

    /// <summary>
    /// The smallest set of candidates a filter gives, or the whole order when none is narrow enough. A price, duration or
    /// rating range on the sort's own key is a slice of the order itself, still walked in order.
    /// </summary>
    private (ReadOnlyMemory<IndexedTour> Source, bool IsOrder) NarrowestSource(IndexedTour[] order)
    {
        var bestCount = order.Length;
        Func<ReadOnlyMemory<IndexedTour>>? best = null;
        var isOrder = true;
        void Consider(int count, Func<ReadOnlyMemory<IndexedTour>> candidates, bool inOrder)
        {
            if (count < bestCount) (bestCount, best, isOrder) = (count, candidates, inOrder);
        }

        void ConsiderList(IndexedTour[]? list) => Consider(list?.Length ?? 0, () => list ?? [], false);

        void ConsiderSlice(ReadOnlyMemory<IndexedTour> slice, bool inOrder) => Consider(slice.Length, () => slice, inOrder);

        var c = _c;
        if (c.Region is { } region) ConsiderList(_s.ByRegion.GetValueOrDefault(region));
        if (c.Difficulty is { } difficulty) ConsiderList(_s.ByDifficulty.GetValueOrDefault(difficulty));
        if (c.OperatorId is { } operatorId) ConsiderList(_s.ByOperator.GetValueOrDefault(operatorId));
        foreach (var tag in c.Tags) ConsiderList(_s.ByTag.GetValueOrDefault(tag));
        if (c.MinPrice is not null || c.MaxPrice is not null)
            ConsiderSlice(Slice(_s.ByPrice, t => t.Price, c.MinPrice ?? long.MinValue, c.MaxPrice ?? long.MaxValue), c.Sort == SearchSort.Price);
        if (c.MinDuration is not null || c.MaxDuration is not null)
            ConsiderSlice(Slice(_s.ByDuration, t => t.Duration, c.MinDuration ?? long.MinValue, c.MaxDuration ?? long.MaxValue), c.Sort == SearchSort.Duration);
        if (c.MinRatingHundredths is { } minRating) ConsiderSlice(Slice(_s.ByRating, t => t.RatingHundredths, minRating, long.MaxValue), c.Sort == SearchSort.Rating);
        if (_box is { } box) ConsiderSlice(LatSlice(box.MinLat, box.MaxLat), false);
        if (c.Window is not null) Consider(_departures.TourCount, () => _departures.Tours(), false);
        foreach (var id in _lexemes)
        {
            var postings = _s.Postings.GetValueOrDefault(id) ?? [];
            Consider(postings.Length, () => postings.Select(x => x.Tour).ToArray(), false);
        }

        if (best is null) return (order, true);
        // A source that is not in order is scanned whole: worth it only when it is much smaller than the catalogue.
        if (!isOrder && bestCount * NarrowFactor > order.Length) return (order, true);
        return (best(), isOrder);
    }

    private static ReadOnlyMemory<IndexedTour> Slice(IndexedTour[] order, Func<IndexedTour, long> key, long min, long max)
    {
        var from = LowerBound(order, t => key(t) >= min);
        var to = LowerBound(order, t => key(t) > max);
        return order.AsMemory(from, Math.Max(0, to - from));
    }

    private ReadOnlyMemory<IndexedTour> LatSlice(double min, double max)
    {
        var order = _s.ByLat;
        var from = LowerBound(order, t => t.Lat >= min);
        var to = LowerBound(order, t => t.Lat > max);
        return order.AsMemory(from, Math.Max(0, to - from));
    }

    /// <summary>The first index whose row satisfies a predicate that is false then true along the order.</summary>
    private static int LowerBound(IndexedTour[] order, Func<IndexedTour, bool> reached)
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

    /// <summary>In an ascending (key, id) span: the first row after the cursor (or at it, with <paramref name="orAt"/>).</summary>
    private int FirstAfter(ReadOnlySpan<IndexedTour> segment, IComparer<IndexedTour> order, bool orAt = false)
    {
        var (key, id) = CursorKey();
        int lo = 0, hi = segment.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            var t = segment[mid];
            var cmp = SortOrders.Key(t, _c.Sort).CompareTo(key);
            if (cmp == 0) cmp = t.Id.CompareTo(id);
            if (orAt ? cmp >= 0 : cmp > 0) hi = mid;
            else lo = mid + 1;
        }

        return lo;
    }

    private bool AfterCursor(IndexedTour t)
    {
        if (_c.After is null) return true;
        var (key, id) = CursorKey();
        var cmp = SortOrders.Key(t, _c.Sort).CompareTo(key);
        if (cmp == 0) cmp = t.Id.CompareTo(id);
        return _c.Desc ? cmp < 0 : cmp > 0;
    }

    private (long Key, Guid Id) CursorKey() => (long.Parse(_c.After!.Key, CultureInfo.InvariantCulture), _c.After.Id);

    /// <summary>Every filter of the SQL's WHERE, on one tour.</summary>
    private bool Matches(IndexedTour t)
    {
        var c = _c;
        if (c.Region is { } region && !string.Equals(t.Region, region, StringComparison.Ordinal)) return false;
        if (t.Price < c.MinPrice || t.Price > c.MaxPrice) return false;
        if (t.Duration < c.MinDuration || t.Duration > c.MaxDuration) return false;
        if (c.MinRatingHundredths is { } minRating && (t.RatingCount <= 0 || t.RatingHundredths < minRating)) return false;
        if (c.Difficulty is { } difficulty && t.Difficulty != difficulty) return false;
        if (c.OperatorId is { } operatorId && t.OperatorId != operatorId) return false;
        foreach (var tag in c.Tags)
        {
            if (Array.IndexOf(t.Tags, tag) < 0) return false;
        }

        foreach (var lexeme in _lexemes)
        {
            if (!t.Has(lexeme)) return false;
        }

        if (_box is { } box)
        {
            if (t.Lat is not { } lat || t.Lon is not { } lon || lat < box.MinLat || lat > box.MaxLat) return false;
            if (box.MinLon is { } minLon && (lon < minLon || lon > box.MaxLon)) return false;
            if (Haversine.Km(c.Near!.Lat, c.Near.Lon, lat, lon) > c.RadiusKm) return false;
        }

        return c.Window is not { } window || _departures.AnyMatch(t.Id, window, _now);
    }

    private SearchPage Finish(IReadOnlyList<IndexedTour> found)
    {
        var items = found.Take(_c.Limit).ToList();
        var next = found.Count > _c.Limit ? CursorOf(items[^1], 0).Encode() : null;
        return new SearchPage(items.Select(t => t.Dto).ToList(), next);
    }

    private SearchPage Finish(IReadOnlyList<Posting> found)
    {
        var items = found.Take(_c.Limit).ToList();
        var next = found.Count > _c.Limit ? CursorOf(items[^1].Tour, items[^1].Rank).Encode() : null;
        return new SearchPage(items.Select(p => p.Tour.Dto).ToList(), next);
    }

    private SearchCursor CursorOf(IndexedTour t, float rank)
    {
        var key = _c.Sort == SearchSort.Relevance
            ? ((double)rank).ToString("R", CultureInfo.InvariantCulture)
            : SortOrders.Key(t, _c.Sort).ToString(CultureInfo.InvariantCulture);
        return new SearchCursor(_c.Sort.ToString(), _c.Desc, key, t.Id);
    }

    private static int Utf8Order(string a, string b)
    {
        var c = System.Text.Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(b));
        return c;
    }
}
