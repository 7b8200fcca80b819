namespace KamHub.Engagement.Contracts;

// Integration events of reviews and ratings (docs/events.md). Aggregate: the tour.

/// <summary>
/// <c>rating.changed</c>: a tour's rating over its visible reviews moved (a review written, edited, hidden or
/// restored), and with it its operator's. It carries the whole ratings, not differences, so a reader keeps the one with
/// the highest outbox position (the operator's too: writers of one operator's tours take turns, ADR 0024).
/// </summary>
/// <param name="Average">Mean of the visible reviews' stars, rounded to two decimals; 0 when <paramref name="Count"/> is 0.</param>
/// <param name="Count">Visible reviews of the tour.</param>
/// <param name="OperatorAverage">The same over every tour of the operator (ADR 0024); absent in events written before.</param>
/// <param name="OperatorCount">Visible reviews of all the operator's tours.</param>
public sealed record RatingChanged(Guid TourId, Guid OperatorId, decimal Average, int Count, DateTimeOffset OccurredAt,
    decimal? OperatorAverage = null, int? OperatorCount = null)
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
