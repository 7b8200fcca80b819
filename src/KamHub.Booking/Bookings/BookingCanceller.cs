using KamHub.Booking.Contracts;
using KamHub.Booking.Data;
using KamHub.Booking.Seats;
using KamHub.Core.Events;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Booking.Bookings;

/// <summary>
/// held or confirmed → cancelled inside the caller's transaction: a conditional UPDATE on the status the caller saw,
/// the seats back to the departure, booking.cancelled with the refund. Only a paid (confirmed) booking refunds money.
/// </summary>
internal sealed class BookingCanceller(BookingDbContext db, SeatLedger seats, IEventPublisher events)
{
    public const string ByCustomer = "customer";
    public const string ByOperator = "operator";
    public const string ByAdmin = "admin";
    public const string BySystem = "system";

    /// <returns>False when the booking's status changed since <paramref name="booking"/> was read (nothing done).</returns>
    public async Task<bool> CancelAsync(TourBooking booking, string by, string? reason, int refundPercent, DateTime now, CancellationToken ct)
    {
        var observed = booking.Status;
        if (observed is not (BookingStatus.Held or BookingStatus.Confirmed)) return false;
        var percent = observed == BookingStatus.Confirmed ? refundPercent : 0;
        var refund = booking.AmountMinor * percent / 100;
        var changed = await db.Bookings.Where(b => b.Id == booking.Id && b.Status == observed)
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Status, BookingStatus.Cancelled)
                .SetProperty(b => b.CancelledBy, by)
                .SetProperty(b => b.CancellationReason, reason)
                .SetProperty(b => b.RefundPercent, percent)
                .SetProperty(b => b.RefundMinor, refund)
                .SetProperty(b => b.CancelledAt, now), ct);
        if (changed == 0) return false;
        await seats.ReleaseAsync(booking.DepartureId, booking.Seats, ct);
        events.Publish(db, booking.Id.ToString(), new BookingCancelled(booking.Id, booking.DepartureId, booking.Seats, by, reason, StoredTime.Utc(now),
            refund, booking.Currency, percent, booking.PaymentId, PointsBack(booking.PointsSpent, observed, percent), PointsRetaken(booking)));
        return true;
    }

    /// <summary>An unpaid hold gives back every point it spent; a paid booking the share its refund gives back of the money (ADR 0019).</summary>
    public static long PointsBack(long spent, string status, int refundPercent) =>
        status == BookingStatus.Held ? spent : spent * refundPercent / 100;

    /// <summary>
    /// The points a confirmed booking's late payment spent again: it expired (and its points came back) before the payment
    /// confirmed it (ADR 0019). Only a payment confirms an expired booking, so a confirmed one that has expired was confirmed so.
    /// </summary>
    public static long PointsRetaken(TourBooking booking) =>
        booking.Status == BookingStatus.Confirmed && booking.ExpiredAt is not null ? booking.PointsSpent : 0;
}
