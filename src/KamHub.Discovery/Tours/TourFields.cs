using System.Text.Json;
using System.Text.RegularExpressions;
using KamHub.Core.Errors;
using KamHub.Discovery.Contracts;
using KamHub.Discovery.Data;

namespace KamHub.Discovery.Tours;

/// <summary>The editable fields of a tour, shared by create and update (PUT replaces them all).</summary>
internal class TourFields
{
    public LocalizedText? Title { get; init; }
    public LocalizedText? Description { get; init; }
    public string? Region { get; init; }
    public GeoPoint? MeetingPoint { get; init; }
    public int? DurationMinutes { get; init; }
    public long? BasePrice { get; init; }

    /// <summary>Per child seat, at most <see cref="BasePrice"/>; omitted (null) means children pay the adult price.</summary>
    public long? ChildPrice { get; init; }
    public string? Currency { get; init; }
    public int? MaxGroupSize { get; init; }
    public TourDifficulty? Difficulty { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public Season? Season { get; init; }
    public IReadOnlyList<string>? Photos { get; init; }

    /// <summary>Refund tiers for departures without their own; omitted means the platform default.</summary>
    public TourCancellationPolicy? CancellationPolicy { get; init; }

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (Title is null) errors.Add("title", "is required.");
        else errors.Required(Title.Ru, "title.ru", TourLimits.Title).Required(Title.En, "title.en", TourLimits.Title);
        errors.Optional(Description?.Ru, "description.ru", TourLimits.Description, multiline: true)
            .Optional(Description?.En, "description.en", TourLimits.Description, multiline: true);
        errors.Required(Region, "region", TourLimits.Region);
        errors.Storable(Title?.Ru, "title.ru").Storable(Title?.En, "title.en").Storable(Description?.Ru, "description.ru")
            .Storable(Description?.En, "description.en").Storable(Region, "region");
        if (MeetingPoint is { } p)
        {
            errors.When(!double.IsFinite(p.Lat) || p.Lat is < -90 or > 90, "meetingPoint.lat", "must be between -90 and 90.");
            errors.When(!double.IsFinite(p.Lon) || p.Lon is < -180 or > 180, "meetingPoint.lon", "must be between -180 and 180.");
        }

        if (DurationMinutes is null) errors.Add("durationMinutes", "is required.");
        else errors.When(DurationMinutes is < 1 or > 60 * 24 * 30, "durationMinutes", "must be between 1 and 43200 (30 days).");
        if (BasePrice is null) errors.Add("basePrice", "is required.");
        else errors.When(BasePrice is < 0 or > 100_000_000_000, "basePrice", "must be between 0 and 100000000000 minor units.");
        errors.When(ChildPrice is < 0, "childPrice", "must not be negative.");
        errors.When(ChildPrice > BasePrice, "childPrice", "must not exceed basePrice (children never pay more than adults).");
        TourPolicyRules.Check(CancellationPolicy, errors);
        errors.When(Currency is not null && !CurrencyCode().IsMatch(Currency), "currency", "must be an ISO 4217 code of three upper-case letters, e.g. RUB.");
        if (MaxGroupSize is null) errors.Add("maxGroupSize", "is required.");
        else errors.When(MaxGroupSize is < 1 or > 1000, "maxGroupSize", "must be between 1 and 1000.");

        if (Tags is { } tags)
        {
            errors.When(tags.Count > TourLimits.MaxTags, "tags", $"must have at most {TourLimits.MaxTags} tags.");
            for (var i = 0; i < tags.Count; i++)
            {
                var tag = tags[i]?.Trim();
                errors.When(string.IsNullOrEmpty(tag) || tag.Length > TourLimits.Tag || tag.IndexOfAny(['|', ',']) >= 0 || !StorableText.IsStorable(tag),
                    $"tags[{i}]", $"must be 1..{TourLimits.Tag} characters without '|' or ','.");
            }
        }

        if (Season is { } s)
        {
            errors.When(s.FromMonth is < 1 or > 12, "season.fromMonth", "must be a month 1..12.");
            errors.When(s.ToMonth is < 1 or > 12, "season.toMonth", "must be a month 1..12.");
        }

        if (Photos is { } photos)
        {
            errors.When(photos.Count > TourLimits.MaxPhotos, "photos", $"must have at most {TourLimits.MaxPhotos} URLs.");
            for (var i = 0; i < photos.Count; i++)
            {
                var ok = photos[i] is { Length: <= TourLimits.PhotoUrl } url && StorableText.IsStorable(url) && Uri.TryCreate(url, UriKind.Absolute, out var uri) &&
                         (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
                errors.When(!ok, $"photos[{i}]", $"must be an absolute http(s) URL of at most {TourLimits.PhotoUrl} characters.");
            }
        }

        return errors;
    }

    /// <summary>Copies the (validated) fields onto the entity.</summary>
    public void ApplyTo(Tour tour)
    {
        tour.TitleRu = Title!.Ru!.Trim();
        tour.TitleEn = Title.En!.Trim();
        tour.DescriptionRu = Description?.Ru;
        tour.DescriptionEn = Description?.En;
        tour.Region = Region!.Trim();
        tour.MeetingLat = MeetingPoint?.Lat;
        tour.MeetingLon = MeetingPoint?.Lon;
        tour.DurationMinutes = DurationMinutes!.Value;
        tour.BasePriceMinor = BasePrice!.Value;
        tour.ChildPriceMinor = ChildPrice;
        tour.CancellationPolicy = TourPolicyRules.Write(CancellationPolicy);
        tour.Currency = Currency ?? "RUB";
        tour.MaxGroupSize = MaxGroupSize!.Value;
        tour.Difficulty = Difficulty ?? TourDifficulty.Moderate;
        tour.Tags = TourTags.Format(Tags ?? []);
        tour.SeasonFromMonth = Season?.FromMonth;
        tour.SeasonToMonth = Season?.ToMonth;
        tour.Photos = JsonSerializer.Serialize(Photos ?? []);
    }

    private static Regex CurrencyCode() => CurrencyRegex.Value;

    private static class CurrencyRegex
    {
        public static readonly Regex Value = new("^[A-Z]{3}$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }
}
