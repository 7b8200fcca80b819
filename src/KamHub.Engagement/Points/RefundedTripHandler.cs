using KamHub.Booking.Contracts;
using KamHub.Core.Events;
using KamHub.Engagement.Data;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Engagement.Points;

/// <summary>
/// Subscriber <c>engagement.points-reversal</c> of booking.cancelled: a completed trip is only cancelled afterwards when
/// its money went back (a refund at the provider, ADR 0013), and then the points it earned are taken back, once.
/// </summary>
internal sealed class RefundedTripHandler(EngagementDbContext db, PointsLedger ledger, TimeProvider clock) : IEventHandler
{
    public const string Subscriber = "engagement.points-reversal";

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken ct)
    {
        var cancelled = envelope.PayloadAs<BookingCancelled>();
        if (!await db.CompletedTrips.AnyAsync(t => t.BookingId == cancelled.BookingId, ct)) return;
        if (await ledger.ReverseAsync(cancelled.BookingId, StoredTime.Now(clock), ct)) await db.SaveChangesAsync(ct);
    }
}
