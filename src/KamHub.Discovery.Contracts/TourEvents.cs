namespace KamHub.Discovery.Contracts;

// Integration events of the catalog. Not published yet: they fix the shape other modules will subscribe to.

public sealed record TourCreated(Guid TourId, Guid OperatorId, string Slug, DateTimeOffset OccurredAt);

public sealed record TourUpdated(Guid TourId, Guid OperatorId, string Slug, DateTimeOffset OccurredAt);

public sealed record TourPublished(Guid TourId, Guid OperatorId, string Slug, DateTimeOffset OccurredAt);

public sealed record TourArchived(Guid TourId, Guid OperatorId, string Slug, DateTimeOffset OccurredAt);
