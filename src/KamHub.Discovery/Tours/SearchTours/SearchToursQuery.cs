namespace KamHub.Discovery.Tours.SearchTours;

/// <summary>The query string of GET /api/tours, as sent; <see cref="SearchCriteria.Parse"/> validates it.</summary>
internal sealed record SearchToursQuery(
    string? Q,
    string? Region,
    long? MinPrice,
    long? MaxPrice,
    int? MinDuration,
    int? MaxDuration,
    string? Difficulty,
    string? Tags,
    Guid? OperatorId,
    string? Near,
    double? RadiusKm,
    string? Sort,
    bool? Desc,
    int? Limit,
    string? Cursor,
    string? From,
    string? To,
    int? Seats,
    double? MinRating = null);
