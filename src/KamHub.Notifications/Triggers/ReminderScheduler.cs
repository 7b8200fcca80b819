using System.Globalization;
using KamHub.Booking.Contracts;
using KamHub.Core.Errors;
using KamHub.Notifications.Data;
using KamHub.Notifications.Preferences;
using KamHub.Notifications.Templates;
using Microsoft.Extensions.Options;
using KamHub.Core.Time;

namespace KamHub.Notifications.Triggers;

/// <summary>
/// Queues a booking's reminders (e-mail, SMS when there is a phone, push per registered device) at each configured offset before the start.
/// The start is part of the key, so a moved departure gets fresh reminders even where the old ones were sent; ones
/// already past, or pushed by quiet hours to the start or later, are skipped.
/// </summary>
internal sealed class ReminderScheduler(NotificationPlanner planner, TouristPush push, RecipientProfiles profiles, IOptions<NotificationsOptions> options,
    TimeProvider clock)
{
    /// <summary>The start a reminder is for, at the end of its key.</summary>
    public static string KeySuffix(DateTimeOffset startsAt) => ":" + startsAt.UtcDateTime.ToString("yyyyMMdd'T'HHmm", CultureInfo.InvariantCulture);

    public async Task<int> ScheduleAsync(BookingDetails booking, NotificationModel model, CancellationToken ct)
    {
        var now = StoredTime.Now(clock);
        var starts = StoredTime.Truncate(booking.StartsAt.UtcDateTime);
        var tourist = await profiles.ForAsync(booking.CustomerId, booking.OperatorId, booking.TimeZone, ct);
        var phone = PhoneNumbers.ToE164(tourist.Preferences?.Phone) ?? PhoneNumbers.ToE164(booking.ContactPhone);
        var queued = 0;
        foreach (var offset in options.Value.EffectiveReminders)
        {
            var at = starts - offset;
            if (at <= now) continue;
            var key = string.Create(CultureInfo.InvariantCulture, $"reminder-{(int)offset.TotalMinutes}m:{booking.BookingId}") + KeySuffix(booking.StartsAt);
            var reminder = model with { StartsAt = booking.StartsAt, HoursBefore = (int)Math.Round(offset.TotalHours) };
            if (await planner.PlanAsync(tourist, NotificationTypes.Reminder, ChannelNames.Email, NotificationCategory.Reminders, booking.ContactEmail, key,
                    reminder, ct, at, starts, booking.BookingId, booking.DepartureId)) queued++;
            if (phone is not null && await planner.PlanAsync(tourist, NotificationTypes.Reminder, ChannelNames.Sms, NotificationCategory.Reminders, phone, key,
                    reminder, ct, at, starts, booking.BookingId, booking.DepartureId)) queued++;
            queued += await push.QueueAsync(tourist, booking, NotificationTypes.Reminder, NotificationCategory.Reminders, key, reminder, ct, at, starts);
        }

        return queued;
    }
}
