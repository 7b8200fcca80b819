namespace KamHub.Discovery.Data;

internal static class TourLimits
{
    public const int Title = 200;
    public const int Description = 5000;
    public const int Region = 100;
    public const int MaxTags = 20;
    public const int Tag = 40;
    public const int MaxPhotos = 20;
    public const int PhotoUrl = 500;
    public const int CancellationPolicy = 2000;
    public const int MaxRefundTiers = 10;
}
