namespace KamHub.Discovery.Contracts;

// Integration events of the catalog (docs/events.md). Each record names its event and payload version; a change
// that breaks readers gets a new record with EventVersion + 1, published beside the old one until readers move.

/// <summary><c>tour.created</c>: an operator created a tour (a draft).</summary>
public sealed record TourCreated(Guid TourId, Guid OperatorId, string Slug, DateTimeOffset OccurredAt)
{
    public const string EventName = "tour.created";
    public const int EventVersion = 1;
}

/// <summary><c>tour.updated</c>: a tour's fields changed (title, price, season, ...).</summary>
public sealed record TourUpdated(Guid TourId, Guid OperatorId, string Slug, DateTimeOffset OccurredAt)
{
    public const string EventName = "tour.updated";
    public const int EventVersion = 1;
}

/// <summary><c>tour.published</c>: a tour became visible in search and bookable.</summary>
public sealed record TourPublished(Guid TourId, Guid OperatorId, string Slug, DateTimeOffset OccurredAt)
{
    public const string EventName = "tour.published";
    public const int EventVersion = 1;
}

/// <summary><c>tour.archived</c>: a tour left the catalog (archived or deleted); existing bookings stand.</summary>
public sealed record TourArchived(Guid TourId, Guid OperatorId, string Slug, DateTimeOffset OccurredAt)
{
    public const string EventName = "tour.archived";
    public const int EventVersion = 1;
}
