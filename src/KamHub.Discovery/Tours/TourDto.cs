using KamHub.Discovery.Data;

namespace KamHub.Discovery.Tours;

/// <summary>A tour as the API shows it. Also the cached value, so it is immutable.</summary>
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
    string Currency,
    int MaxGroupSize,
    TourDifficulty Difficulty,
    IReadOnlyList<string> Tags,
    Season? Season,
    IReadOnlyList<string> Photos,
    TourStatus Status,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static TourDto From(Tour t) => new(
        t.Id, t.Slug, t.OperatorId,
        new LocalizedText(t.TitleRu, t.TitleEn),
        new LocalizedText(t.DescriptionRu, t.DescriptionEn),
        t.Region,
        t.MeetingLat is { } lat && t.MeetingLon is { } lon ? new GeoPoint(lat, lon) : null,
        t.DurationMinutes, t.BasePriceMinor, t.Currency, t.MaxGroupSize, t.Difficulty,
        TourTags.Parse(t.Tags),
        t.SeasonFromMonth is { } from && t.SeasonToMonth is { } to ? new Season(from, to) : null,
        System.Text.Json.JsonSerializer.Deserialize<string[]>(t.Photos) ?? [],
        t.Status,
        DateTime.SpecifyKind(t.CreatedAt, DateTimeKind.Utc),
        DateTime.SpecifyKind(t.UpdatedAt, DateTimeKind.Utc));
}

internal sealed record LocalizedText(string? Ru, string? En);

internal sealed record GeoPoint(double Lat, double Lon);

/// <summary>Months the tour runs, 1..12; from &gt; to wraps the new year (e.g. 11..3 for winter).</summary>
internal sealed record Season(int FromMonth, int ToMonth);
