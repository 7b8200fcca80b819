using KamHub.Core.Events;
using KamHub.Discovery.Availability;
using KamHub.Discovery.Data;
using KamHub.Discovery.Tours;
using KamHub.Engagement.Contracts;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Discovery.Ratings;

/// <summary>
/// Subscriber <c>discovery.ratings</c> of rating.changed: stores the tour's rating where search reads it and drops the
/// tour's cached entries and every cached search after the commit, like any other tour change. Each event carries the
/// whole rating, so the write only moves forward by Engagement's outbox position (replays of older ones do nothing).
/// </summary>
internal sealed class RatingProjection(DiscoveryDbContext db, AfterCommitInvalidation invalidation) : IEventHandler
{
    public const string Subscriber = "discovery.ratings";
    public const string Pattern = RatingChanged.EventName;

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken ct)
    {
        var rating = envelope.PayloadAs<RatingChanged>();
        var hundredths = (int)Math.Round(rating.Average * 100m, MidpointRounding.AwayFromZero);
        var position = envelope.Position;
        var changed = await db.Tours.Where(t => t.Id == rating.TourId && t.RatingPosition < position)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RatingHundredths, hundredths).SetProperty(t => t.RatingCount, rating.Count)
                .SetProperty(t => t.RatingPosition, position), ct);
        if (changed == 0) return;
        var slug = await db.Tours.Where(t => t.Id == rating.TourId).Select(t => t.Slug).SingleAsync(ct);
        invalidation.Key(TourCache.ById(rating.TourId));
        invalidation.Key(TourCache.Catalog(rating.TourId));
        invalidation.Key(TourCache.BySlug(slug));
        invalidation.Tag(TourCache.SearchTag);
    }
}
