using KamHub.Booking.Contracts;
using KamHub.Notifications.Data;
using KamHub.Notifications.Preferences;
using KamHub.Notifications.Templates;

namespace KamHub.Notifications.Triggers;

/// <summary>One transactional e-mail to a booking's contact address, in the tourist's language and zone; with <c>push</c>, a push per device too.</summary>
internal sealed class TouristEmail(BookingModels models, RecipientProfiles profiles, NotificationPlanner planner, TouristPush pushes)
{
    public async Task<bool> QueueAsync(BookingDetails booking, string type, string key, Func<NotificationModel, NotificationModel> adjust, CancellationToken ct,
        bool push = false)
    {
        var model = adjust(await models.ForAsync(booking, ct));
        var tourist = await profiles.ForAsync(booking.CustomerId, booking.OperatorId, booking.TimeZone, ct);
        var queued = await planner.PlanAsync(tourist, type, ChannelNames.Email, NotificationCategory.Transactional, booking.ContactEmail, key, model, ct,
            bookingId: booking.BookingId, departureId: booking.DepartureId);
        if (push) await pushes.QueueAsync(tourist, booking, type, NotificationCategory.Transactional, key, model, ct);
        return queued;
    }
}
