using KamHub.Booking.Contracts;
using KamHub.Core.Events;
using KamHub.Notifications.Queue;

namespace KamHub.Notifications.Triggers;

/// <summary>departure.rescheduled → waiting reminders of the departure are dropped and each confirmed booking gets them anew for the new start.</summary>
internal sealed class DepartureRescheduledHandler(IBookingDirectory bookings, NotificationQueue queue, BookingModels models, ReminderScheduler reminders)
    : IEventHandler
{
    public const string Subscriber = "notifications.departure-rescheduled";

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken ct)
    {
        var moved = envelope.PayloadAs<DepartureRescheduled>();
        await queue.CancelRemindersAsync(null, moved.DepartureId, "departure rescheduled", ct, ReminderScheduler.KeySuffix(moved.StartsAt));
        foreach (var booking in await bookings.ConfirmedOfDepartureAsync(moved.DepartureId, ct))
        {
            // The event's start is the one this delivery is about, whatever Booking holds by now.
            var current = booking with { StartsAt = moved.StartsAt, TimeZone = moved.TimeZone };
            await reminders.ScheduleAsync(current, await models.ForAsync(current, ct), ct);
        }
    }
}
