using KamHub.Booking.Contracts;
using KamHub.Notifications.Data;
using KamHub.Notifications.Preferences;
using KamHub.Notifications.Templates;

namespace KamHub.Notifications.Triggers;

/// <summary>One transactional e-mail to a booking's contact address, in the tourist's language and zone.</summary>
internal sealed class TouristEmail(BookingModels models, RecipientProfiles profiles, NotificationPlanner planner)
{
    public async Task<bool> QueueAsync(BookingDetails booking, string type, string key, Func<NotificationModel, NotificationModel> adjust, CancellationToken ct)
    {
        var model = adjust(await models.ForAsync(booking, ct));
        var tourist = await profiles.ForAsync(booking.CustomerId, booking.OperatorId, booking.TimeZone, ct);
        return await planner.PlanAsync(tourist, type, ChannelNames.Email, NotificationCategory.Transactional, booking.ContactEmail, key, model, ct,
            bookingId: booking.BookingId, departureId: booking.DepartureId);
    }
}
