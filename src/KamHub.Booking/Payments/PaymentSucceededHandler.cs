using KamHub.Booking.Bookings;
using KamHub.Booking.Contracts;
using KamHub.Booking.Data;
using KamHub.Booking.Seats;
using KamHub.Core.Events;
using KamHub.Payments.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using KamHub.Core.Time;

namespace KamHub.Booking.Payments;

/// <summary>
/// payment.succeeded confirms the booking, whatever order events arrive in:
/// held (even if run out but not yet reclaimed: its seats are still counted) → confirmed;
/// expired → confirmed if the seats can be taken again, else cancelled with a full refund (payment-after-expiry); a late
/// confirmation tells Engagement to spend again the points the expiry gave back (booking.confirmed's pointsRetaken);
/// cancelled → stays cancelled, the money is refunded in full (payment-after-cancellation); confirmed → nothing.
/// Runs in the delivery's transaction, so the change, its events and the inbox record commit together.
/// </summary>
internal sealed class PaymentSucceededHandler(BookingDbContext db, SeatLedger seats, IEventPublisher events, TimeProvider clock,
    ILogger<PaymentSucceededHandler> logger) : IEventHandler
{
    public const string Subscriber = "booking.payment-succeeded";
    public const string AfterExpiry = "payment-after-expiry";
    public const string AfterCancellation = "payment-after-cancellation";

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken ct)
    {
        var payment = envelope.PayloadAs<PaymentSucceeded>();
        var booking = await db.Bookings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == payment.BookingId, ct);
        if (booking is null)
        {
            logger.LogWarning("Payment {PaymentId} names booking {BookingId}, which does not exist", payment.PaymentId, payment.BookingId);
            return;
        }

        var now = StoredTime.Now(clock);
        switch (booking.Status)
        {
            case BookingStatus.Held when await ConfirmAsync(booking, BookingStatus.Held, payment, now, ct):
                return;
            case BookingStatus.Held:
                // Reclaimed between the read and the update: it is expired now.
                booking = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == booking.Id, ct);
                if (booking.Status == BookingStatus.Expired) await ConfirmLateAsync(booking, payment, now, ct);
                return;
            case BookingStatus.Expired:
                await ConfirmLateAsync(booking, payment, now, ct);
                return;
            case BookingStatus.Cancelled when booking.PaymentId != payment.PaymentId:
                await RefundAsync(booking, BookingStatus.Cancelled, AfterCancellation, payment, now, ct);
                return;
        }
    }

    /// <summary>The hold ran out and was reclaimed: take the seats again in one conditional UPDATE, or refund.</summary>
    private async Task ConfirmLateAsync(TourBooking booking, PaymentSucceeded payment, DateTime now, CancellationToken ct)
    {
        await seats.ReclaimExpiredAsync(booking.DepartureId, now, ct);
        if (await seats.TryTakeAsync(booking.DepartureId, booking.Seats, ct))
        {
            if (!await ConfirmAsync(booking, BookingStatus.Expired, payment, now, ct)) throw new DbUpdateConcurrencyException($"Booking {booking.Id} changed while confirming.");
            await seats.AvailabilityChangedAsync(booking.DepartureId, ct);
            return;
        }

        await RefundAsync(booking, BookingStatus.Expired, AfterExpiry, payment, now, ct);
    }

    private async Task<bool> ConfirmAsync(TourBooking booking, string from, PaymentSucceeded payment, DateTime now, CancellationToken ct)
    {
        var changed = await db.Bookings.Where(b => b.Id == booking.Id && b.Status == from)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BookingStatus.Confirmed).SetProperty(b => b.ConfirmedAt, now)
                .SetProperty(b => b.PaymentId, payment.PaymentId), ct);
        if (changed == 0) return false;
        events.Publish(db, booking.Id.ToString(), new BookingConfirmed(booking.Id, booking.DepartureId, booking.TourId, booking.CustomerId, booking.Seats,
            booking.AmountMinor, booking.Currency, StoredTime.Utc(now), booking.AgentId, booking.AgentCommissionBasisPoints ?? 0,
            // Its points came back when it expired; the discount the payment was for stands, so they are spent again (ADR 0019).
            PointsRetaken: from == BookingStatus.Expired ? booking.PointsSpent : 0, AgencyId: booking.AgencyId));
        return true;
    }

    /// <summary>No seats for this payment: the booking ends cancelled and the whole payment goes back (no seats returned: it held none).</summary>
    private async Task RefundAsync(TourBooking booking, string from, string reason, PaymentSucceeded payment, DateTime now, CancellationToken ct)
    {
        var changed = await db.Bookings.Where(b => b.Id == booking.Id && b.Status == from)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BookingStatus.Cancelled).SetProperty(b => b.CancelledBy, BookingCanceller.BySystem)
                .SetProperty(b => b.CancellationReason, reason).SetProperty(b => b.RefundPercent, 100).SetProperty(b => b.RefundMinor, b => b.RefundMinor + payment.AmountMinor)
                .SetProperty(b => b.PaymentId, payment.PaymentId).SetProperty(b => b.CancelledAt, b => b.CancelledAt ?? now), ct);
        if (changed == 0) throw new DbUpdateConcurrencyException($"Booking {booking.Id} changed while refunding a late payment.");
        logger.LogWarning("Payment {PaymentId} for booking {BookingId} came too late ({Reason}); refunding it in full", payment.PaymentId, booking.Id, reason);
        events.Publish(db, booking.Id.ToString(), new BookingCancelled(booking.Id, booking.DepartureId, 0, BookingCanceller.BySystem, reason,
            StoredTime.Utc(now), payment.AmountMinor, payment.Currency, 100, payment.PaymentId));
    }
}
