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
/// payment.refunded made at the provider's side (reason provider: its dashboard or support, never asked by KamHub)
/// ends the booking it paid for: held, confirmed or expired → cancelled (by system, reason refunded-at-provider), the
/// refund recorded on the booking and its seats back on sale. Never money refunded on a booking that still says paid.
/// The booking.cancelled it publishes asks for no refund (refundMinor 0): the money is already back. A further
/// provider-side refund of an already cancelled booking only adds to the refund it shows. KamHub's own refunds
/// (cancellation, manual) are left alone: the booking was cancelled first, or an admin chose to keep it.
/// </summary>
internal sealed class PaymentRefundedHandler(BookingDbContext db, SeatLedger seats, IEventPublisher events, TimeProvider clock,
    ILogger<PaymentRefundedHandler> logger) : IEventHandler
{
    public const string Subscriber = "booking.payment-refunded";
    public const string Reason = "refunded-at-provider";

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken ct)
    {
        var refunded = envelope.PayloadAs<PaymentRefunded>();
        if (refunded.Reason != PaymentRefunded.ProviderSide) return;
        var booking = await db.Bookings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == refunded.BookingId, ct);
        if (booking is null)
        {
            logger.LogWarning("A provider-side refund of payment {PaymentId} names booking {BookingId}, which does not exist", refunded.PaymentId, refunded.BookingId);
            return;
        }

        if (booking.Status == BookingStatus.Cancelled)
        {
            await db.Bookings.Where(b => b.Id == booking.Id && b.Status == BookingStatus.Cancelled)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.RefundMinor, b => b.RefundMinor + refunded.AmountMinor)
                    .SetProperty(b => b.PaymentId, b => b.PaymentId ?? refunded.PaymentId), ct);
            return;
        }

        await CancelAsync(booking, refunded, StoredTime.Now(clock), ct);
    }

    private async Task CancelAsync(TourBooking booking, PaymentRefunded refunded, DateTime now, CancellationToken ct)
    {
        // Held (its payment.succeeded not handled yet) and confirmed bookings hold seats; an expired one gave them back already.
        var seatsBack = booking.Status is BookingStatus.Held or BookingStatus.Confirmed ? booking.Seats : 0;
        var percent = booking.AmountMinor > 0 ? (int)Math.Min(100, refunded.AmountMinor * 100 / booking.AmountMinor) : 100;
        // The payment id is set too, so a payment.succeeded handled after this sees its own payment and refunds nothing.
        var changed = await db.Bookings.Where(b => b.Id == booking.Id && b.Status == booking.Status)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BookingStatus.Cancelled).SetProperty(b => b.CancelledBy, BookingCanceller.BySystem)
                .SetProperty(b => b.CancellationReason, Reason).SetProperty(b => b.RefundPercent, percent)
                .SetProperty(b => b.RefundMinor, b => b.RefundMinor + refunded.AmountMinor).SetProperty(b => b.PaymentId, refunded.PaymentId)
                .SetProperty(b => b.CancelledAt, now), ct);
        if (changed == 0) throw new DbUpdateConcurrencyException($"Booking {booking.Id} changed while recording a provider-side refund; delivered again.");
        if (seatsBack > 0) await seats.ReleaseAsync(booking.DepartureId, seatsBack, ct);
        logger.LogWarning("Payment {PaymentId} was refunded ({Amount}) at the provider's side; booking {BookingId} is cancelled", refunded.PaymentId,
            refunded.AmountMinor, booking.Id);
        events.Publish(db, booking.Id.ToString(), new BookingCancelled(booking.Id, booking.DepartureId, seatsBack, BookingCanceller.BySystem, Reason,
            StoredTime.Utc(now), RefundMinor: 0, booking.Currency, RefundPercent: 0, refunded.PaymentId,
            // An expired hold gave its points back when it expired.
            PointsReturned: booking.Status == BookingStatus.Expired ? 0 : BookingCanceller.PointsBack(booking.PointsSpent, booking.Status, percent),
            PointsRetaken: BookingCanceller.PointsRetaken(booking)));
    }
}
