using KamHub.Booking.Contracts;
using KamHub.Core.Events;
using KamHub.Payments.Contracts;
using Microsoft.Extensions.Logging;

namespace KamHub.Notifications.Triggers;

/// <summary>payment.refunded → the tourist gets an e-mail per refund (a booking may be refunded in parts).</summary>
internal sealed class PaymentRefundedHandler(IBookingDirectory bookings, TouristEmail email, ILogger<PaymentRefundedHandler> logger) : IEventHandler
{
    public const string Subscriber = "notifications.payment-refunded";

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken ct)
    {
        var refunded = envelope.PayloadAs<PaymentRefunded>();
        if (await bookings.FindAsync(refunded.BookingId, ct) is not { } booking)
        {
            logger.LogWarning("payment.refunded names booking {BookingId}, which the directory does not know; nothing to send", refunded.BookingId);
            return;
        }

        await email.QueueAsync(booking, NotificationTypes.PaymentRefunded, $"{NotificationTypes.PaymentRefunded}:{refunded.RefundId}",
            m => m with { RefundMinor = refunded.AmountMinor, Currency = refunded.Currency }, ct);
    }
}
