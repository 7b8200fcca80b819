using KamHub.Booking.Contracts;
using KamHub.Core.Events;
using KamHub.Engagement.Data;
using KamHub.Core.Time;

namespace KamHub.Engagement.Points;

/// <summary>
/// Subscribers <c>engagement.points-expired</c> (booking.expired) and <c>engagement.points-cancelled</c> (booking.cancelled): the points a booking reserved
/// come back, all of them when it expired, as many as booking.cancelled says (<see cref="BookingCancelled.PointsReturned"/>:
/// all for an unpaid hold, the refund's share for a paid booking, ADR 0019); for a booking a late payment confirmed, out of
/// the points that confirmation spent again (<see cref="BookingCancelled.PointsRetaken"/>). Once per booking (unique booking and kind).
/// </summary>
internal sealed class PointsReturnHandler(EngagementDbContext db, PointsLedger ledger, TimeProvider clock) : IEventHandler
{
    public const string ExpiredSubscriber = "engagement.points-expired";
    public const string CancelledSubscriber = "engagement.points-cancelled";

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken ct)
    {
        var now = StoredTime.Now(clock);
        if (envelope.Type == BookingExpired.EventName)
        {
            if (await ledger.ReturnAsync(envelope.PayloadAs<BookingExpired>().BookingId, long.MaxValue, now, ct)) await db.SaveChangesAsync(ct);
            return;
        }

        var cancelled = envelope.PayloadAs<BookingCancelled>();
        if (cancelled.PointsRetaken > 0)
        {
            // Confirmed late: what comes back comes out of the retake, which this may see before booking.confirmed's handler does.
            if (await ledger.RetakeAsync(cancelled.BookingId, cancelled.PointsRetaken, now, ct)) await db.SaveChangesAsync(ct);
            if (cancelled.PointsReturned > 0 && await ledger.ReturnRetakenAsync(cancelled.BookingId, cancelled.PointsReturned, now, ct))
                await db.SaveChangesAsync(ct);
            return;
        }

        if (cancelled.PointsReturned > 0 && await ledger.ReturnAsync(cancelled.BookingId, cancelled.PointsReturned, now, ct)) await db.SaveChangesAsync(ct);
    }
}
