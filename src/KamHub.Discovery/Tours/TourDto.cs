using System.Text.Json.Serialization;
using KamHub.Discovery.Availability;
using KamHub.Discovery.Contracts;
using KamHub.Discovery.Data;

namespace KamHub.Discovery.Tours;

/// <summary>
/// A tour as the API shows it. The catalog part is the cached value, so it is immutable; <see cref="NextDeparture"/>
/// and <see cref="Departures"/> are laid over it per answer from the departures cache (<see cref="TourAvailability"/>).
/// </summary>
/// <param name="ChildPrice">Per child seat; null means children pay <paramref name="BasePrice"/>.</param>
internal sealed record TourDto(
    Guid Id,
    string Slug,
    Guid OperatorId,
    LocalizedText Title,
    LocalizedText Description,
    string Region,
    GeoPoint? MeetingPoint,
    int DurationMinutes,
    long BasePrice,
    long? ChildPrice,
    string Currency,
    int MaxGroupSize,
    TourDifficulty Difficulty,
    IReadOnlyList<string> Tags,
    Season? Season,
    IReadOnlyList<string> Photos,
    TourCancellationPolicy? CancellationPolicy,
    TourStatus Status,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    TourRating Rating,
    TourRating OperatorRating)
{
    /// <summary>The first open departure (in the searched window, with the seats asked for, when the search gave them).</summary>
    public DepartureSeats? NextDeparture { get; init; }

    /// <summary>Tour details only: the upcoming open departures with seats left.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<DepartureSeats>? Departures { get; init; }

    public static TourDto From(Tour t) => new(
        t.Id, t.Slug, t.OperatorId,
        new LocalizedText(t.TitleRu, t.TitleEn),
        new LocalizedText(t.DescriptionRu, t.DescriptionEn),
        t.Region,
        t.MeetingLat is { } lat && t.MeetingLon is { } lon ? new GeoPoint(lat, lon) : null,
        t.DurationMinutes, t.BasePriceMinor, t.ChildPriceMinor, t.Currency, t.MaxGroupSize, t.Difficulty,
        TourTags.Parse(t.Tags),
        t.SeasonFromMonth is { } from && t.SeasonToMonth is { } to ? new Season(from, to) : null,
        System.Text.Json.JsonSerializer.Deserialize<string[]>(t.Photos) ?? [],
        TourPolicyRules.Read(t.CancellationPolicy),
        t.Status,
        DateTime.SpecifyKind(t.CreatedAt, DateTimeKind.Utc),
        DateTime.SpecifyKind(t.UpdatedAt, DateTimeKind.Utc),
        new TourRating(t.RatingHundredths / 100m, t.RatingCount),
        new TourRating(t.OperatorRatingHundredths / 100m, t.OperatorRatingCount));
}

/// <summary>Stars over the tour's (or its operator's) visible reviews (Engagement's rating.changed); average 0 and count 0 without reviews.</summary>
internal sealed record TourRating(decimal Average, int Count);

internal sealed record LocalizedText(string? Ru, string? En);

internal sealed record GeoPoint(double Lat, double Lon);

/// <summary>Months the tour runs, 1..12; from &gt; to wraps the new year (e.g. 11..3 for winter).</summary>
internal sealed record Season(int FromMonth, int ToMonth);
