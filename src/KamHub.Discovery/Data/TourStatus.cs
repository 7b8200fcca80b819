namespace KamHub.Discovery.Data;

internal enum TourStatus
{
    Draft,
    Published,
    Archived,
}
