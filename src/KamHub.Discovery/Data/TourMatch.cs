namespace KamHub.Discovery.Data;

/// <summary>A full-text hit: produced by provider-specific SQL (FTS5 or tsvector) and joined to tours in LINQ.</summary>
internal sealed class TourMatch
{
    public const string TourIdColumn = "tour_id";
    public const string RankColumn = "rank";

    public Guid TourId { get; set; }
    public double Rank { get; set; }
}
