using KamHub.Booking.Contracts;
using KamHub.Core.Errors;
using KamHub.Core.Events;
using KamHub.Identity.Contracts;
using KamHub.Notifications.Data;
using KamHub.Notifications.Preferences;
using Microsoft.Extensions.Logging;

namespace KamHub.Notifications.Triggers;

/// <summary>
/// booking.confirmed → the tourist's e-mail, SMS (when there is a phone) and push (per registered device), a "new booking" e-mail to each user of the
/// operator organisation, and the reminders. Queues only, in the delivery's transaction.
/// </summary>
internal sealed class BookingConfirmedHandler(IBookingDirectory bookings, IUserDirectory users, BookingModels models, RecipientProfiles profiles,
    NotificationPlanner planner, TouristPush push, ReminderScheduler reminders, ILogger<BookingConfirmedHandler> logger) : IEventHandler
{
    public const string Subscriber = "notifications.booking-confirmed";

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken ct)
    {
        var confirmed = envelope.PayloadAs<BookingConfirmed>();
        if (await bookings.FindAsync(confirmed.BookingId, ct) is not { } booking)
        {
            logger.LogWarning("booking.confirmed names booking {BookingId}, which the directory does not know; nothing to send", confirmed.BookingId);
            return;
        }

        var model = await models.ForAsync(booking, ct);
        var key = $"{NotificationTypes.BookingConfirmed}:{booking.BookingId}";
        var tourist = await profiles.ForAsync(booking.CustomerId, booking.OperatorId, booking.TimeZone, ct);
        await planner.PlanAsync(tourist, NotificationTypes.BookingConfirmed, ChannelNames.Email, NotificationCategory.Transactional, booking.ContactEmail, key,
            model, ct, bookingId: booking.BookingId, departureId: booking.DepartureId);
        if ((PhoneNumbers.ToE164(tourist.Preferences?.Phone) ?? PhoneNumbers.ToE164(booking.ContactPhone)) is { } phone)
        {
            await planner.PlanAsync(tourist, NotificationTypes.BookingConfirmed, ChannelNames.Sms, NotificationCategory.Transactional, phone, key,
                model, ct, bookingId: booking.BookingId, departureId: booking.DepartureId);
        }

        await push.QueueAsync(tourist, booking, NotificationTypes.BookingConfirmed, NotificationCategory.Transactional, key, model, ct);

        foreach (var user in await users.OperatorUsersAsync(booking.OperatorId, ct))
        {
            var staff = await profiles.ForAsync(user.UserId, booking.OperatorId, booking.TimeZone, ct);
            await planner.PlanAsync(staff, NotificationTypes.BookingNew, ChannelNames.Email, NotificationCategory.Transactional, user.Email,
                $"{NotificationTypes.BookingNew}:{booking.BookingId}", model with { RecipientName = user.DisplayName }, ct,
                bookingId: booking.BookingId, departureId: booking.DepartureId);
        }

        await reminders.ScheduleAsync(booking, model, ct);
    }
}
