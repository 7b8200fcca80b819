using System.Globalization;
using System.Text.Json;
using KamHub.Core.Errors;
using KamHub.Discovery.Availability;
using KamHub.Discovery.Data;

namespace KamHub.Discovery.Tours.SearchTours;

/// <summary>A validated search: filters, sort and where the page starts.</summary>
/// <param name="Window">Departures the tour must have (date window, seats); null when the search names none.</param>
internal sealed record SearchCriteria(
    IReadOnlyList<string> Terms,
    bool HasQuery,
    string? Region,
    long? MinPrice,
    long? MaxPrice,
    int? MinDuration,
    int? MaxDuration,
    TourDifficulty? Difficulty,
    IReadOnlyList<string> Tags,
    Guid? OperatorId,
    GeoPoint? Near,
    double RadiusKm,
    SearchSort Sort,
    bool Desc,
    int Limit,
    SearchCursor? After,
    DepartureWindow? Window,
    int? MinRatingHundredths = null)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public const double DefaultRadiusKm = 50;

    public static (SearchCriteria? Criteria, ValidationErrors Errors) Parse(SearchToursQuery q)
    {
        var errors = new ValidationErrors();
        errors.Optional(q.Q, "q", 200).Optional(q.Region, "region", TourLimits.Region).Optional(q.Tags, "tags", 400);
        errors.Storable(q.Region, "region").Storable(q.Tags, "tags");
        errors.When(q.MinPrice < 0, "minPrice", "must not be negative.");
        errors.When(q.MinPrice > q.MaxPrice, "maxPrice", "must not be less than minPrice.");
        errors.When(q.MinDuration < 0, "minDuration", "must not be negative.");
        errors.When(q.MinDuration > q.MaxDuration, "maxDuration", "must not be less than minDuration.");
        var limit = errors.Limit(q.Limit, DefaultLimit, MaxLimit);

        TourDifficulty? difficulty = null;
        if (!string.IsNullOrEmpty(q.Difficulty))
        {
            if (Enum.TryParse<TourDifficulty>(q.Difficulty, ignoreCase: true, out var d) && !char.IsDigit(q.Difficulty[0])) difficulty = d;
            else errors.Add("difficulty", "must be one of easy, moderate, hard, extreme.");
        }

        var terms = FullTextTerms.Split(q.Q);
        var hasQuery = !string.IsNullOrWhiteSpace(q.Q);
        var sort = hasQuery ? SearchSort.Relevance : SearchSort.Newest;
        if (!string.IsNullOrEmpty(q.Sort))
        {
            if (Enum.TryParse<SearchSort>(q.Sort, ignoreCase: true, out var s) && !char.IsDigit(q.Sort[0])) sort = s;
            else errors.Add("sort", "must be one of relevance, price, duration, newest, rating.");
        }

        // Without a query there is no rank: relevance then means newest first.
        if (sort == SearchSort.Relevance && !hasQuery) sort = SearchSort.Newest;
        var desc = sort == SearchSort.Relevance || (q.Desc ?? sort is SearchSort.Newest or SearchSort.Rating);
        errors.When(q.MinRating is { } minRating && (!double.IsFinite(minRating) || minRating is < 0 or > 5), "minRating", "must be between 0 and 5.");
        // Stars in hundredths, as stored: 4.5 → 450. A tour without reviews never meets a minimum.
        int? minRatingHundredths = q.MinRating is { } min && double.IsFinite(min) ? (int)Math.Ceiling(Math.Round(min * 100, 6)) : null;

        GeoPoint? near = null;
        if (!string.IsNullOrEmpty(q.Near))
        {
            var parts = q.Near.Split(',');
            if (parts.Length == 2 &&
                double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) && lat is >= -90 and <= 90 &&
                double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) && lon is >= -180 and <= 180)
                near = new GeoPoint(lat, lon);
            else errors.Add("near", "must be 'lat,lon' with lat in -90..90 and lon in -180..180.");
        }

        var radius = q.RadiusKm ?? DefaultRadiusKm;
        errors.When(!double.IsFinite(radius) || radius is <= 0 or > 2000, "radiusKm", "must be greater than 0 and at most 2000.");

        var after = errors.Cursor(q.Cursor, c => SearchCursor.Decode(c, sort, desc));

        var tags = (q.Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(TourTags.Normalize).Distinct(StringComparer.Ordinal).ToList();
        errors.When(tags.Count > TourLimits.MaxTags, "tags", $"must list at most {TourLimits.MaxTags} tags.");
        // '|' delimits stored tags: a filter holding one would match two neighbouring tags instead of one.
        errors.When(tags.Any(t => t.Contains('|', StringComparison.Ordinal)), "tags", "must be comma-separated tags without '|'.");
        var window = DepartureWindowQuery.Parse(q.From, q.To, q.Seats, errors);
        if (!errors.IsValid) return (null, errors);

        return (new SearchCriteria(terms, hasQuery, string.IsNullOrWhiteSpace(q.Region) ? null : q.Region.Trim(), q.MinPrice, q.MaxPrice,
            q.MinDuration, q.MaxDuration, difficulty, tags, q.OperatorId, near, radius, sort, desc, limit, after, window, minRatingHundredths), errors);
    }

    /// <summary>
    /// The cache key: every field that changes the answer, in a fixed order, as a JSON array so no value (a region
    /// holding a separator, say) can make two different searches share a key. A search with a departure window lives
    /// in its own short-TTL region (see <see cref="TourCache.WindowSearchRegion"/>).
    /// </summary>
    public string CacheKey() => (Window is null ? TourCache.SearchRegion : TourCache.WindowSearchRegion) + ":" + JsonSerializer.Serialize(new object?[]
    {
        Terms, HasQuery, Region, MinPrice, MaxPrice, MinDuration, MaxDuration, Difficulty?.ToString(), Tags, OperatorId,
        Near is null ? null : new[] { Near.Lat, Near.Lon, RadiusKm }, Sort.ToString(), Desc, Limit, After?.Encode(),
        Window is null ? null : new object?[] { Window.FromUtc?.Ticks, Window.ToUtc?.Ticks, Window.FromLocal?.Ticks, Window.ToLocal?.Ticks, Window.Seats },
        MinRatingHundredths,
    });
}
