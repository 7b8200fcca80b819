namespace KamHub.Discovery.Tours.SearchTours;

internal enum SearchSort
{
    Relevance,
    Price,
    Duration,
    Newest,
}
