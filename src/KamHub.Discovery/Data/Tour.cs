namespace KamHub.Discovery.Data;

/// <summary>
/// A tour in the catalog. Tags are kept as "|a|b|" so "has tag x" is one indexed-free LIKE on both providers and
/// the full-text index can read them as plain words; photos are a JSON array (never queried).
/// </summary>
internal sealed class Tour
{
    public Guid Id { get; set; }
    public Guid OperatorId { get; set; }
    public required string Slug { get; set; }
    public required string TitleRu { get; set; }
    public required string TitleEn { get; set; }
    public string? DescriptionRu { get; set; }
    public string? DescriptionEn { get; set; }
    public required string Region { get; set; }
    public double? MeetingLat { get; set; }
    public double? MeetingLon { get; set; }
    public int DurationMinutes { get; set; }
    public long BasePriceMinor { get; set; }

    /// <summary>Per child seat; null means children pay the adult (base) price.</summary>
    public long? ChildPriceMinor { get; set; }

    /// <summary>JSON of the tour's refund tiers (a <c>TourCancellationPolicy</c>); null: departures fall back to the platform default.</summary>
    public string? CancellationPolicy { get; set; }
    public required string Currency { get; set; }
    public int MaxGroupSize { get; set; }
    public TourDifficulty Difficulty { get; set; }
    public string Tags { get; set; } = "|";
    public int? SeasonFromMonth { get; set; }
    public int? SeasonToMonth { get; set; }
    public string Photos { get; set; } = "[]";
    public TourStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>
    /// The average of the tour's visible reviews in hundredths of a star (4.67 → 467), as Engagement last announced it
    /// (rating.changed): an integer, so sorting and keyset paging compare exactly. 0 with no reviews.
    /// </summary>
    public int RatingHundredths { get; set; }

    public int RatingCount { get; set; }

    /// <summary>Engagement outbox position of the rating.changed applied last: a replayed older one changes nothing.</summary>
    public long RatingPosition { get; set; }

    /// <summary>
    /// The tour's operator's rating over all its tours' visible reviews, in hundredths (rating.changed, ADR 0024), kept on
    /// every tour of the operator so a search result shows it without a join. 0 with no reviews.
    /// </summary>
    public int OperatorRatingHundredths { get; set; }

    public int OperatorRatingCount { get; set; }

    /// <summary>Engagement outbox position of the operator's rating applied last.</summary>
    public long OperatorRatingPosition { get; set; }
}
