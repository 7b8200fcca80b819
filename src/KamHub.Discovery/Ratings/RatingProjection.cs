using KamHub.Core.Events;
using KamHub.Discovery.Availability;
using KamHub.Discovery.Data;
using KamHub.Discovery.Tours;
using KamHub.Engagement.Contracts;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Discovery.Ratings;

/// <summary>
/// Subscriber <c>discovery.ratings</c> of rating.changed: stores the tour's rating, and its operator's on every tour of
/// the operator (ADR 0024), where search reads them, and drops the changed tours' cached entries and every cached search
/// after the commit, like any other tour change. Each event carries the whole ratings, so each write only moves forward
/// by Engagement's outbox position (replays of older ones do nothing).
/// </summary>
internal sealed class RatingProjection(DiscoveryDbContext db, AfterCommitInvalidation invalidation) : IEventHandler
{
    public const string Subscriber = "discovery.ratings";
    public const string Pattern = RatingChanged.EventName;

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken ct)
    {
        var rating = envelope.PayloadAs<RatingChanged>();
        var position = envelope.Position;
        var hundredths = Hundredths(rating.Average);
        var changed = new List<Guid>();
        // The operator's tours first, then the tour's own row (one of them): two events of one operator's tours, handled at
        // once, then lock the same rows in the same order (the same statement), where tour-first locked each other's tour
        // and deadlocked, leaving one to wait for its retry.
        if (rating.OperatorAverage is { } operatorAverage && rating.OperatorCount is { } operatorCount)
        {
            var operatorHundredths = Hundredths(operatorAverage);
            var updated = await db.Tours.Where(t => t.OperatorId == rating.OperatorId && t.OperatorRatingPosition < position)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.OperatorRatingHundredths, operatorHundredths)
                    .SetProperty(t => t.OperatorRatingCount, operatorCount).SetProperty(t => t.OperatorRatingPosition, position), ct);
            if (updated > 0) changed.AddRange(await db.Tours.Where(t => t.OperatorId == rating.OperatorId).Select(t => t.Id).ToListAsync(ct));
        }

        if (await db.Tours.Where(t => t.Id == rating.TourId && t.RatingPosition < position)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RatingHundredths, hundredths).SetProperty(t => t.RatingCount, rating.Count)
                    .SetProperty(t => t.RatingPosition, position), ct) > 0)
            changed.Add(rating.TourId);

        if (changed.Count == 0) return;
        foreach (var tour in await db.Tours.Where(t => changed.Distinct().Contains(t.Id)).Select(t => new { t.Id, t.Slug }).ToListAsync(ct))
        {
            invalidation.Key(TourCache.ById(tour.Id));
            invalidation.Key(TourCache.Catalog(tour.Id));
            invalidation.Key(TourCache.BySlug(tour.Slug));
        }

        invalidation.Tag(TourCache.SearchTag);
    }

    private static int Hundredths(decimal average) => (int)Math.Round(average * 100m, MidpointRounding.AwayFromZero);
}
