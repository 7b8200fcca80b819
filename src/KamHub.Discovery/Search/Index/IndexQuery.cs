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
    /// What reading one tour costs, in units of one ordinal read and bit tested along an order: a walked row's facts
    /// are read in sequence, a row named by a bit set or a posting is read through its tour, scattered in memory.
    /// </summary>
    private const int RowCost = 16;

    private readonly IndexSnapshot _s;
    private readonly SearchCriteria _c;
    private readonly IndexDepartures _departures;
    private readonly DateTime _now;
    private readonly int[] _lexemes;
    private readonly string[] _tags;
    private readonly List<ulong[]> _rented = [];

    /// <summary>Words of a bit set over this snapshot's ordinals.</summary>
    private readonly int _words;

    /// <summary>The intersection of the query's set filters (see <see cref="Narrow"/>); null when it has none.</summary>
    private ulong[]? _combined;

    /// <summary>How many tours <see cref="_combined"/> holds.</summary>
    private int _count;

    private readonly int _regionId;
    private readonly (double MinLat, double MaxLat, double? MinLon, double? MaxLon)? _box;

    private IndexQuery(IndexSnapshot snapshot, SearchCriteria c, IndexDepartures departures, DateTime now, int[] lexemes, int regionId)
    {
        _regionId = regionId;
        _s = snapshot;
        _c = c;
        _departures = departures;
        _now = now;
        _lexemes = lexemes;
        _tags = [.. c.Tags];
        _words = (snapshot.OrdinalCeiling + 63) >> 6;
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

    /// <summary>
    /// Walk the sort order (or the slice of it a range on this very key leaves) from the cursor: the first matches are
    /// the page. It is expected to test take × (order / matches) ordinals; reading the set's members instead costs a
    /// pass over its words and a row read each. The cheaper is taken; a walk that runs past what the read would have
    /// cost (the circle or the window were rarer than hoped) hands over to the read.
    /// </summary>
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
        if (!Narrow(ref walk)) return Finish(new List<IndexedTour>());
        var (read, readCost, matches, _) = Reading(walk.Length);
        if (matches <= 0) return Finish(new List<IndexedTour>());
        var walkCost = (double)take * walk.Length / matches + take * RowCost;
        if (read is null || walkCost <= readCost)
        {
            var found = new List<IndexedTour>(take);
            var segment = walk.Span;
            // The walk reads the order's ordinals and tests the set first: a tour outside it costs one unit.
            int[]? ordinals = null;
            var offset = 0;
            if (_combined is not null && System.Runtime.InteropServices.MemoryMarshal.TryGetArray(walk, out var array) &&
                _s.Ordinals.TryGetValue(array.Array!, out ordinals)) offset = array.Offset;
            var bits = _combined;
            long units = 0, limit = read is null ? long.MaxValue : (long)Math.Min(readCost, long.MaxValue / 2);
            var step = _c.Desc ? -1 : 1;
            var i = _c.Desc ? (_c.After is null ? segment.Length : FirstAfter(segment, orAt: true)) - 1 : _c.After is null ? 0 : FirstAfter(segment, orAt: false);
            for (; i >= 0 && i < segment.Length && found.Count < take && units < limit; i += step)
            {
                if (ordinals is not null && !IndexSnapshot.Has(bits, ordinals[offset + i]))
                {
                    units++;
                    continue;
                }

                units += RowCost;
                if (Matches(segment[i].Facts, segment[i].Tour)) found.Add(segment[i].Tour);
            }

            if (found.Count == take || units < limit || read is null) return Finish(found);
        }

        var rows = SortOrders.RowsBy(_c.Sort);
        var best = new TopRows<TourRow>(take, _c.Desc ? Comparer<TourRow>.Create((a, b) => rows.Compare(b, a)) : rows);
        read(row =>
        {
            if (AfterCursor(row.Facts, row.Tour) && Matches(row.Facts, row.Tour)) best.Offer(row);
        });
        return Finish(best.InOrder().Select(r => r.Tour).ToList());
    }

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

    /// <summary>The map filter: the SQL's bounding box, then the distance.</summary>
    private bool InCircle(double lat, double lon)
    {
        var box = _box!.Value;
        if (double.IsNaN(lat) || lat < box.MinLat || lat > box.MaxLat) return false;
        if (box.MinLon is { } minLon && (lon < minLon || lon > box.MaxLon)) return false;
        return Haversine.Km(_c.Near!.Lat, _c.Near.Lon, lat, lon) <= _c.RadiusKm;
    }

    /// <summary>Every filter of the SQL's WHERE, on one tour.</summary>
    private bool Matches(in TourFacts f, IndexedTour t)
    {
        var c = _c;
        if (f.Price < c.MinPrice || f.Price > c.MaxPrice) return false;
        if (f.Duration < c.MinDuration || f.Duration > c.MaxDuration) return false;
        if (c.MinRatingHundredths is { } minRating && (f.RatingCount <= 0 || f.Rating < minRating)) return false;
        if (c.Difficulty is { } difficulty && f.Difficulty != difficulty) return false;
        if (_box is not null && !InCircle(f.Lat, f.Lon)) return false;

        if (c.Region is not null && f.RegionId != _regionId) return false;
        if (c.OperatorId is { } operatorId && f.OperatorId != operatorId) return false;
        // Tags and words are in the combined set.
        if (_combined is not null && !IndexSnapshot.Has(_combined, f.Ordinal)) return false;
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
