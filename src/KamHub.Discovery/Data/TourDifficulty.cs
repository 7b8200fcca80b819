namespace KamHub.Discovery.Data;

internal enum TourDifficulty
{
    Easy,
    Moderate,
    Hard,
    Extreme,
}
