namespace KamHub.Discovery.Data;

public enum TourDifficulty
{
    Easy,
    Moderate,
    Hard,
    Extreme,
}
