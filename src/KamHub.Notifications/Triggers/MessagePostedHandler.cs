using KamHub.Booking.Contracts;
using KamHub.Core.Events;
using KamHub.Engagement.Contracts;
using KamHub.Identity.Contracts;
using KamHub.Notifications.Data;
using KamHub.Notifications.Preferences;
using Microsoft.Extensions.Logging;

namespace KamHub.Notifications.Triggers;

/// <summary>
/// message.posted → "you have a new message" to each side the event names (Engagement already kept it to one per
/// conversation per interval): the tourist by e-mail (and push) at the booking's contact address, the operator's users
/// by e-mail. Quiet hours and switched-off channels apply as to any notification (<see cref="NotificationPlanner"/>).
/// A guide is not notified yet: guides have no directory here (ADR 0019).
/// </summary>
internal sealed class MessagePostedHandler(IBookingDirectory bookings, IUserDirectory users, TouristEmail tourists, BookingModels models,
    RecipientProfiles profiles, NotificationPlanner planner, ILogger<MessagePostedHandler> logger) : IEventHandler
{
    public const string Subscriber = "notifications.message-posted";

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken ct)
    {
        var posted = envelope.PayloadAs<MessagePosted>();
        if (posted.Notify.Count == 0) return;
        if (await bookings.FindAsync(posted.BookingId, ct) is not { } booking)
        {
            logger.LogWarning("message.posted names booking {BookingId}, which the directory does not know; nothing to send", posted.BookingId);
            return;
        }

        var key = $"{NotificationTypes.MessageNew}:{posted.MessageId}";
        if (posted.Notify.Contains(MessagePosted.Customer))
            await tourists.QueueAsync(booking, NotificationTypes.MessageNew, key, m => m, ct, push: true);
        if (!posted.Notify.Contains(MessagePosted.Operator)) return;
        var model = await models.ForAsync(booking, ct);
        foreach (var user in await users.OperatorUsersAsync(booking.OperatorId, ct))
        {
            var staff = await profiles.ForAsync(user.UserId, booking.OperatorId, booking.TimeZone, ct);
            await planner.PlanAsync(staff, NotificationTypes.MessageNew, ChannelNames.Email, NotificationCategory.Transactional, user.Email, key,
                model with { RecipientName = user.DisplayName }, ct, bookingId: booking.BookingId, departureId: booking.DepartureId);
        }
    }
}
