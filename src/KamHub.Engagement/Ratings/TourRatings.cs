using KamHub.Core.Events;
using KamHub.Engagement.Contracts;
using KamHub.Engagement.Data;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Engagement.Ratings;

/// <summary>
/// Counts a tour's rating, and its operator's over all of the operator's tours, again after a review change, inside the
/// caller's transaction, and publishes rating.changed with both. The operator's rating rows are locked first (UPDATE of
/// their version): a second writer of any tour of the same operator waits, and its counts, taken after the lock, see the
/// first one's committed review (READ COMMITTED takes a new snapshot per statement on PostgreSQL; SQLite has one writer
/// at a time anyway). So the event published later also carries the later operator total (ADR 0024).
/// </summary>
internal sealed class TourRatings(EngagementDbContext db, IEventPublisher events)
{
    /// <summary>Makes sure the tour's rating row exists, in its own short transaction before the change (a race on the key is harmless).</summary>
    public async Task EnsureRowAsync(Guid tourId, Guid operatorId, CancellationToken ct)
    {
        if (await db.TourRatings.AnyAsync(r => r.TourId == tourId, ct)) return;
        db.TourRatings.Add(new TourRating { TourId = tourId, OperatorId = operatorId });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request created it first: that is all this wanted.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Call after the review change is saved (same transaction); the tour's row must exist (<see cref="EnsureRowAsync"/>).</summary>
    public async Task RecountAsync(Guid tourId, DateTime now, CancellationToken ct)
    {
        var operatorId = await db.TourRatings.Where(r => r.TourId == tourId).Select(r => r.OperatorId).SingleAsync(ct);
        await db.TourRatings.Where(r => r.OperatorId == operatorId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Version, r => r.Version + 1), ct);
        var visible = db.Reviews.Where(r => r.TourId == tourId && !r.Hidden);
        var count = await visible.CountAsync(ct);
        var sum = count == 0 ? 0 : await visible.SumAsync(r => (long)r.Rating, ct);
        await db.TourRatings.Where(r => r.TourId == tourId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.RatingSum, sum).SetProperty(r => r.RatingCount, count), ct);
        var operatorRows = db.TourRatings.Where(r => r.OperatorId == operatorId);
        var operatorCount = await operatorRows.SumAsync(r => r.RatingCount, ct);
        var operatorSum = operatorCount == 0 ? 0 : await operatorRows.SumAsync(r => r.RatingSum, ct);
        events.Publish(db, tourId.ToString(), new RatingChanged(tourId, operatorId, Average(sum, count), count, StoredTime.Utc(now),
            Average(operatorSum, operatorCount), operatorCount));
    }

    public static decimal Average(long sum, int count) => count == 0 ? 0m : Math.Round((decimal)sum / count, 2, MidpointRounding.AwayFromZero);
}
