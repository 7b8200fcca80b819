using KamHub.Booking.Contracts;
using KamHub.Core.Events;
using KamHub.Core.Time;
using KamHub.Engagement.Data;

namespace KamHub.Engagement.Points;

/// <summary>
/// Subscriber <c>engagement.points-retaken</c> of booking.confirmed: a payment that arrived after its hold expired
/// confirmed the booking (<see cref="BookingConfirmed.PointsRetaken"/>), so the points its expiry gave back are spent
/// again: the tourist keeps the discount, not also the points (ADR 0019).
/// </summary>
internal sealed class PointsRetakeHandler(EngagementDbContext db, PointsLedger ledger, TimeProvider clock) : IEventHandler
{
    public const string Subscriber = "engagement.points-retaken";

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken ct)
    {
        var confirmed = envelope.PayloadAs<BookingConfirmed>();
        if (confirmed.PointsRetaken > 0 && await ledger.RetakeAsync(confirmed.BookingId, confirmed.PointsRetaken, StoredTime.Now(clock), ct))
            await db.SaveChangesAsync(ct);
    }
}
