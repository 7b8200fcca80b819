using KamHub.Discovery.Tours.SearchTours;

namespace KamHub.Discovery.Search.Index;

/// <summary>
/// The keyset orders of the search, ascending by (key, id) as the SQL sorts them; a descending search walks the same
/// order backwards. Ids compare as <see cref="Guid.CompareTo(Guid)"/>, which is the order of their text (PostgreSQL's
/// uuid order, SQLite's text order).
/// </summary>
internal static class SortOrders
{
    public static long Key(IndexedTour t, SearchSort sort) => Key(t.Facts, sort);

    public static long Key(in TourFacts f, SearchSort sort) => sort switch
    {
        SearchSort.Price => f.Price,
        SearchSort.Duration => f.Duration,
        SearchSort.Rating => f.Rating,
        _ => f.CreatedTicks,
    };

    public static IComparer<TourRow> Rows(IComparer<IndexedTour> order) => Comparer<TourRow>.Create((a, b) => order.Compare(a.Tour, b.Tour));

    /// <summary>The keyset order on rows, reading the key from the row's inline facts (the tour only on a tie, for its id).</summary>
    public static IComparer<TourRow> RowsBy(SearchSort sort) => Comparer<TourRow>.Create((a, b) =>
    {
        var c = Key(a.Facts, sort).CompareTo(Key(b.Facts, sort));
        return c != 0 ? c : a.Tour.Id.CompareTo(b.Tour.Id);
    });

    public static readonly IComparer<IndexedTour> ByPrice = new KeyThenId(SearchSort.Price);
    public static readonly IComparer<IndexedTour> ByDuration = new KeyThenId(SearchSort.Duration);
    public static readonly IComparer<IndexedTour> ByRating = new KeyThenId(SearchSort.Rating);
    public static readonly IComparer<IndexedTour> ByCreated = new KeyThenId(SearchSort.Newest);

    /// <summary>Latitude (tours without a meeting point first), then id: the map search's bounding box is a slice of it.</summary>
    public static readonly IComparer<IndexedTour> ByLat = Comparer<IndexedTour>.Create((a, b) =>
    {
        var c = Nullable.Compare(a.Lat, b.Lat);
        return c != 0 ? c : a.Id.CompareTo(b.Id);
    });

    /// <summary>Longitude (tours without a meeting point first), then id: the other side of the map's bounding box.</summary>
    public static readonly IComparer<IndexedTour> ByLon = Comparer<IndexedTour>.Create((a, b) =>
    {
        var c = Nullable.Compare(a.Lon, b.Lon);
        return c != 0 ? c : a.Id.CompareTo(b.Id);
    });

    public static readonly IComparer<IndexedTour> ById = Comparer<IndexedTour>.Create((a, b) => a.Id.CompareTo(b.Id));

    private sealed class KeyThenId(SearchSort sort) : IComparer<IndexedTour>
    {
        public int Compare(IndexedTour? a, IndexedTour? b)
        {
            var c = Key(a!, sort).CompareTo(Key(b!, sort));
            return c != 0 ? c : a!.Id.CompareTo(b!.Id);
        }
    }
}
