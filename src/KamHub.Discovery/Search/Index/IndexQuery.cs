using System.Globalization;
using KamHub.Discovery.Availability;
using KamHub.Discovery.Tours;
using KamHub.Discovery.Tours.SearchTours;

namespace KamHub.Discovery.Search.Index;

/// <summary>
/// One search over a snapshot: the same filters, orders, keyset cursors and page as <see cref="TourSearch"/>'s SQL, in
/// memory: it walks the sort order from the cursor and stops at the page's end, or scans the narrowest source the
/// filters offer and keeps the best rows, whichever the plan (IndexQuery.Plan.cs) expects to read less. See ADR 0026.
/// </summary>
internal sealed partial class IndexQuery
{
    /// <summary>
    /// A walked row is read in sequence (its facts are in the order's row, lexemes and tags in bit sets); a scanned row
    /// is read through its tour object, scattered in memory, and kept in a heap. Measured on 100,000 tours: about this
    /// many walked rows cost what one scanned row does.
    /// </summary>
    private const int ScanRowCost = 16;

    /// <summary>A scanned row read in memory order with its facts inline (an order's slice, a bit set's rows): plus the heap.</summary>
    private const int SequentialRowCost = 3;

    private readonly IndexSnapshot _s;
    private readonly SearchCriteria _c;
    private readonly IndexDepartures _departures;
    private readonly DateTime _now;
    private readonly int[] _lexemes;
    private readonly string[] _tags;
    private readonly ulong[]?[] _lexemeBits;
    private readonly ulong[]?[] _tagBits;
    private readonly List<ulong[]> _rented = [];

    /// <summary>The intersection of the query's bit-set filters, once the plan made it.</summary>
    private ulong[]? _combined;
    private readonly int _regionId;

    /// <summary>The relevance paths test the lexemes themselves (they need their positions anyway).</summary>
    private bool _lexemesChecked;
    private readonly (double MinLat, double MaxLat, double? MinLon, double? MaxLon)? _box;

    private IndexQuery(IndexSnapshot snapshot, SearchCriteria c, IndexDepartures departures, DateTime now, int[] lexemes, int regionId)
    {
        _regionId = regionId;
        _lexemeBits = lexemes.Select(id => snapshot.LexemeBits.GetValueOrDefault(id)).ToArray();
        _tagBits = c.Tags.Select(tag => snapshot.TagBits.GetValueOrDefault(tag)).ToArray();
        _s = snapshot;
        _c = c;
        _departures = departures;
        _now = now;
        _lexemes = lexemes;
        _tags = [.. c.Tags];
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

    public static SearchPage Run(IndexSnapshot snapshot, IndexDepartures departures, SearchCriteria c, DateTime now)
    {
        var names = snapshot.Names;
        if (c.HasQuery && c.Terms.Count == 0) return new SearchPage([], null);
        int[] lexemes = [];
        if (c.HasQuery)
        {
            var words = SearchTokens.Lexemes(FullTextTerms.ToPostgres(c.Terms)).Distinct(StringComparer.Ordinal).ToList();
            // plainto_tsquery of no lexeme matches nothing; a lexeme no tour ever had cannot match either.
            if (words.Count == 0) return new SearchPage([], null);
            // tsrank.c ranks the query's lexemes sorted by their bytes: the same order keeps the float sums equal.
            words.Sort(Utf8Order);
            lexemes = words.Select(names.Lexemes.Find).ToArray();
            if (lexemes.Any(id => id < 0)) return new SearchPage([], null);
        }

        var region = c.Region is null ? 0 : names.Regions.Find(c.Region);
        if (region < 0) return new SearchPage([], null);
        var query = new IndexQuery(snapshot, c, departures, now, lexemes, region);
        try
        {
            return query.Page();
        }
        finally
        {
            foreach (var buffer in query._rented) System.Buffers.ArrayPool<ulong>.Shared.Return(buffer);
        }
    }

    private SearchPage Page() => _lexemes.Length > 0 && _c.Sort == SearchSort.Relevance ? ByRelevance() : BySortKey();

    private SearchPage BySortKey()
    {
        var walk = _c.Sort switch
        {
            SearchSort.Price => (ReadOnlyMemory<TourRow>)_s.ByPrice,
            SearchSort.Duration => _s.ByDuration,
            SearchSort.Rating => _s.ByRating,
            _ => _s.ByCreated,
        };
        var take = _c.Limit + 1;
        var plan = Plan(ref walk);
        if (plan.Empty) return Finish(new List<IndexedTour>());

        // Walk the order (or the slice of it a range on this very key leaves) from the cursor: the first matches are the
        // page. Rows that match rarely, or only late in the order, make the walk long: past a budget of what scanning the
        // narrowest source costs, that scan takes over.
        if (plan.WalkFirst)
        {
            var found = new List<IndexedTour>(take);
            // The walk goes on while it costs less than the scan would (a walked row is about ScanRowCost times cheaper).
            var budget = plan.Scan is null ? int.MaxValue : (int)Math.Min(int.MaxValue, Math.Max(plan.ScanCost, 2_000));
            var segment = walk.Span;
            // Under a bit-set filter the walk reads the order's ordinals and tests the set first: a tour whose bit is
            // clear costs 1/16 of a row read (units of 16 per row read).
            int[]? ordinals = null;
            var offset = 0;
            if (_combined is not null && System.Runtime.InteropServices.MemoryMarshal.TryGetArray(walk, out var array) &&
                _s.Ordinals.TryGetValue(array.Array!, out ordinals)) offset = array.Offset;
            var bits = _combined;
            long units = 0, limit = (long)Math.Min(budget, int.MaxValue) * 16;
            var step = _c.Desc ? -1 : 1;
            var i = _c.Desc ? (_c.After is null ? segment.Length : FirstAfter(segment, orAt: true)) - 1 : _c.After is null ? 0 : FirstAfter(segment, orAt: false);
            for (; i >= 0 && i < segment.Length && found.Count < take && units < limit; i += step)
            {
                if (ordinals is not null && !IndexSnapshot.Has(bits, ordinals[offset + i]))
                {
                    units++;
                    continue;
                }

                units += 16;
                if (Matches(segment[i].Facts, segment[i].Tour)) found.Add(segment[i].Tour);
            }

            if (found.Count == take || units < limit || plan.Scan is null) return Finish(found);
        }

        var rows = SortOrders.RowsBy(_c.Sort);
        var best = new TopRows<TourRow>(take, _c.Desc ? Comparer<TourRow>.Create((a, b) => rows.Compare(b, a)) : rows);
        plan.Scan!(row =>
        {
            if (AfterCursor(row.Facts, row.Tour) && Matches(row.Facts, row.Tour)) best.Offer(row);
        });
        return Finish(best.InOrder().Select(r => r.Tour).ToList());
    }


    private SearchPage ByRelevance()
    {
        var take = _c.Limit + 1;
        var rarest = _lexemes.Select(id => _s.Postings.GetValueOrDefault(id) ?? []).MinBy(p => p.Length)!;
        var afterRank = _c.After is null ? float.PositiveInfinity : (float)double.Parse(_c.After.Key, CultureInfo.InvariantCulture);
        var afterId = _c.After?.Id ?? Guid.Empty;
        var any = (ReadOnlyMemory<TourRow>)_s.ByCreated;
        var plan = Plan(ref any);
        if (plan.Empty) return Finish(new List<Posting>());
        _lexemesChecked = true;
        var best = new TopRows<Posting>(take, Posting.ByRelevance);
        var positions = new ushort[_lexemes.Length][];

        void Rank(TourRow row)
        {
            var tour = row.Tour;
            for (var i = 0; i < _lexemes.Length; i++)
            {
                if ((positions[i] = tour.PositionsOf(_lexemes[i])!) is null) return;
            }

            if (!Matches(row.Facts, tour)) return;
            var rank = TextRank.Rank(positions);
            if (IsAfter(rank, tour.Id, afterRank, afterId)) best.Offer(new Posting(tour, rank));
        }

        // One word: its list is in relevance order already, the first matches are the page; the walk is expected to
        // read take × (list / matches) rows. A narrower filter (a map circle, a tag, a window) is scanned instead when
        // that is fewer rows, or when the walk runs past twice that many (the filters were not independent).
        // A posting is read through its tour (ScanRowCost); the scan's cost is already weighted by how its rows are read.
        var scanFirst = plan.Scan is not null && plan.ScanCount < rarest.Length &&
                        plan.ScanCost < (double)ScanRowCost * (_lexemes.Length > 1 ? rarest.Length : take * rarest.Length / Math.Max(plan.Estimate, 1e-9));
        if (_lexemes.Length == 1 && !scanFirst)
        {
            var found = new List<Posting>(take);
            var budget = plan.Scan is null || plan.ScanCount >= rarest.Length ? int.MaxValue : (int)Math.Max(plan.ScanCost / ScanRowCost, 2_000);
            var walked = 0;
            foreach (var posting in rarest)
            {
                if (++walked > budget) break;
                if (!IsAfter(posting.Rank, posting.Tour.Id, afterRank, afterId) || !Matches(posting.Tour.Facts, posting.Tour)) continue;
                found.Add(posting);
                if (found.Count == take) break;
            }

            if (walked <= budget) return Finish(found);
            scanFirst = true;
        }

        if (scanFirst) plan.Scan!(Rank);
        // Several words: the rarest word's tours that hold the others, ranked.
        else foreach (var posting in rarest) Rank(new TourRow(posting.Tour.Facts, posting.Tour));
        return Finish(best.InOrder());
    }

    /// <summary>Strictly after the cursor in relevance order (rank descending, id ascending).</summary>
    private static bool IsAfter(float rank, Guid id, float afterRank, Guid afterId) =>
        float.IsPositiveInfinity(afterRank) || rank < afterRank || (rank == afterRank && id.CompareTo(afterId) > 0);

    /// <summary>In an ascending (key, id) span: the first row after the cursor (or at it, with <paramref name="orAt"/>).</summary>
    private int FirstAfter(ReadOnlySpan<TourRow> segment, bool orAt)
    {
        var (key, id) = CursorKey();
        int lo = 0, hi = segment.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            var row = segment[mid];
            var cmp = SortOrders.Key(row.Facts, _c.Sort).CompareTo(key);
            if (cmp == 0) cmp = row.Tour.Id.CompareTo(id);
            if (orAt ? cmp >= 0 : cmp > 0) hi = mid;
            else lo = mid + 1;
        }

        return lo;
    }

    private bool AfterCursor(in TourFacts f, IndexedTour t)
    {
        if (_c.After is null) return true;
        var (key, id) = CursorKey();
        var cmp = SortOrders.Key(f, _c.Sort).CompareTo(key);
        if (cmp == 0) cmp = t.Id.CompareTo(id);
        return _c.Desc ? cmp < 0 : cmp > 0;
    }

    private (long Key, Guid Id) CursorKey() => (long.Parse(_c.After!.Key, CultureInfo.InvariantCulture), _c.After.Id);

    /// <summary>Every filter of the SQL's WHERE, on one tour.</summary>
    private bool Matches(in TourFacts f, IndexedTour t)
    {
        var c = _c;
        if (f.Price < c.MinPrice || f.Price > c.MaxPrice) return false;
        if (f.Duration < c.MinDuration || f.Duration > c.MaxDuration) return false;
        if (c.MinRatingHundredths is { } minRating && (f.RatingCount <= 0 || f.Rating < minRating)) return false;
        if (c.Difficulty is { } difficulty && f.Difficulty != difficulty) return false;
        if (_box is { } box)
        {
            if (double.IsNaN(f.Lat) || f.Lat < box.MinLat || f.Lat > box.MaxLat) return false;
            if (box.MinLon is { } minLon && (f.Lon < minLon || f.Lon > box.MaxLon)) return false;
            if (Haversine.Km(c.Near!.Lat, c.Near.Lon, f.Lat, f.Lon) > c.RadiusKm) return false;
        }

        if (c.Region is not null && f.RegionId != _regionId) return false;
        if (c.OperatorId is { } operatorId && f.OperatorId != operatorId) return false;
        // Tags and lexemes many tours hold are bit sets by ordinal; a rare one reads the tour itself.
        for (var i = 0; i < _tags.Length; i++)
        {
            if (_tagBits[i] is { } bits ? !IndexSnapshot.Has(bits, f.Ordinal) : Array.IndexOf(t.Tags, _tags[i]) < 0) return false;
        }

        if (!_lexemesChecked)
        {
            for (var i = 0; i < _lexemes.Length; i++)
            {
                if (_lexemeBits[i] is { } bits ? !IndexSnapshot.Has(bits, f.Ordinal) : !t.Has(_lexemes[i])) return false;
            }
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
