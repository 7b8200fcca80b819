using KamHub.Booking.Contracts;
using KamHub.Core.Events;
using Microsoft.Extensions.Logging;

namespace KamHub.Notifications.Triggers;

/// <summary>booking.expired → the tourist learns the hold ran out unpaid.</summary>
internal sealed class BookingExpiredHandler(IBookingDirectory bookings, TouristEmail email, ILogger<BookingExpiredHandler> logger) : IEventHandler
{
    public const string Subscriber = "notifications.booking-expired";

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken ct)
    {
        var expired = envelope.PayloadAs<BookingExpired>();
        if (await bookings.FindAsync(expired.BookingId, ct) is not { } booking)
        {
            logger.LogWarning("booking.expired names booking {BookingId}, which the directory does not know; nothing to send", expired.BookingId);
            return;
        }

        await email.QueueAsync(booking, NotificationTypes.BookingExpired, $"{NotificationTypes.BookingExpired}:{booking.BookingId}", m => m, ct);
    }
}
