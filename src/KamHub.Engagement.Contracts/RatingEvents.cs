namespace KamHub.Engagement.Contracts;

// Integration events of reviews and ratings (docs/events.md). Aggregate: the tour.

/// <summary>
/// <c>rating.changed</c>: a tour's rating over its visible reviews moved (a review written, edited, hidden or
/// restored). It carries the whole rating, not a difference, so a reader keeps the one with the highest outbox position.
/// </summary>
/// <param name="Average">Mean of the visible reviews' stars, rounded to two decimals; 0 when <paramref name="Count"/> is 0.</param>
/// <param name="Count">Visible reviews of the tour.</param>
public sealed record RatingChanged(Guid TourId, Guid OperatorId, decimal Average, int Count, DateTimeOffset OccurredAt)
{
    public const string EventName = "rating.changed";
    public const int EventVersion = 1;
}

/// <summary><c>review.submitted</c>: the booker of a completed booking reviewed it. Aggregate: the review.</summary>
public sealed record ReviewSubmitted(Guid ReviewId, Guid BookingId, Guid TourId, Guid OperatorId, Guid AuthorId, int Rating, DateTimeOffset OccurredAt)
{
    public const string EventName = "review.submitted";
    public const int EventVersion = 1;
}
