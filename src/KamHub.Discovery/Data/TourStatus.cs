namespace KamHub.Discovery.Data;

public enum TourStatus
{
    Draft,
    Published,
    Archived,
}
