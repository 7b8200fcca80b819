using KamHub.Booking.Contracts;
using KamHub.Core.Events;
using KamHub.Engagement.Data;
using KamHub.Core.Time;

namespace KamHub.Engagement.Points;

/// <summary>
/// Subscribers <c>engagement.points-expired</c> (booking.expired) and <c>engagement.points-cancelled</c> (booking.cancelled): the points a booking reserved
/// come back, all of them when it expired, as many as booking.cancelled says (<see cref="BookingCancelled.PointsReturned"/>:
/// all for an unpaid hold, the refund's share for a paid booking, ADR 0019). Once per booking (unique booking and kind).
/// </summary>
internal sealed class PointsReturnHandler(EngagementDbContext db, PointsLedger ledger, TimeProvider clock) : IEventHandler
{
    public const string ExpiredSubscriber = "engagement.points-expired";
    public const string CancelledSubscriber = "engagement.points-cancelled";

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken ct)
    {
        var (bookingId, points) = envelope.Type == BookingExpired.EventName
            ? (envelope.PayloadAs<BookingExpired>().BookingId, long.MaxValue)
            : (envelope.PayloadAs<BookingCancelled>().BookingId, envelope.PayloadAs<BookingCancelled>().PointsReturned);
        if (points > 0 && await ledger.ReturnAsync(bookingId, points, StoredTime.Now(clock), ct)) await db.SaveChangesAsync(ct);
    }
}
