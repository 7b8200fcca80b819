namespace KamHub.Discovery.Search.Index;

/// <summary>
/// A tour holding a lexeme, with <c>ts_rank</c> of that lexeme alone in it (the relevance of a one-word search), and the
/// tour's ordinal, so a walk tests a bit set without reading the tour (it fits the struct's padding).
/// </summary>
internal readonly record struct Posting(IndexedTour Tour, float Rank, int Ordinal)
{
    public Posting(IndexedTour tour, float rank) : this(tour, rank, tour.Ordinal)
    {
    }

    /// <summary>Relevance order: rank descending, then id ascending, as the SQL orders it.</summary>
    public static readonly IComparer<Posting> ByRelevance = Comparer<Posting>.Create((a, b) =>
    {
        var c = b.Rank.CompareTo(a.Rank);
        return c != 0 ? c : a.Tour.Id.CompareTo(b.Tour.Id);
    });
}
