using KamHub.Booking.Contracts;
using KamHub.Core.Events;
using KamHub.Notifications.Queue;
using Microsoft.Extensions.Logging;

namespace KamHub.Notifications.Triggers;

/// <summary>booking.cancelled → its reminders are dropped and the tourist gets an e-mail (with the refund due, if any) and a push per device.</summary>
internal sealed class BookingCancelledHandler(IBookingDirectory bookings, NotificationQueue queue, TouristEmail email, ILogger<BookingCancelledHandler> logger)
    : IEventHandler
{
    public const string Subscriber = "notifications.booking-cancelled";

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken ct)
    {
        var cancelled = envelope.PayloadAs<BookingCancelled>();
        await queue.CancelRemindersAsync(cancelled.BookingId, null, "booking cancelled", ct);
        if (await bookings.FindAsync(cancelled.BookingId, ct) is not { } booking)
        {
            logger.LogWarning("booking.cancelled names booking {BookingId}, which the directory does not know; nothing to send", cancelled.BookingId);
            return;
        }

        await email.QueueAsync(booking, NotificationTypes.BookingCancelled, $"{NotificationTypes.BookingCancelled}:{booking.BookingId}",
            m => m with { RefundMinor = cancelled.RefundMinor > 0 ? cancelled.RefundMinor : null, Currency = cancelled.Currency ?? m.Currency }, ct, push: true);
    }
}
