namespace KamHub.Discovery.Tours.SearchTours;

internal enum SearchSort
{
    Relevance,
    Price,
    Duration,
    Newest,

    /// <summary>By the tour's average stars (best first unless desc=false); tours without reviews count as 0.</summary>
    Rating,
}
