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
/// by e-mail, the trip's guides (the users the event names, ADR 0024) by e-mail. Quiet hours and switched-off channels
/// apply as to any notification (<see cref="NotificationPlanner"/>), each in the recipient's own profile.
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
        var staff = new List<UserContact>();
        if (posted.Notify.Contains(MessagePosted.Operator)) staff.AddRange(await users.OperatorUsersAsync(booking.OperatorId, ct));
        if (posted.Notify.Contains(MessagePosted.Guide))
            foreach (var guideId in posted.Guides ?? [])
                if (await users.FindAsync(guideId, ct) is { } guide) staff.Add(guide);
                else logger.LogWarning("message.posted names guide {UserId}, whom the directory does not know; not told", guideId);
        if (staff.Count == 0) return;
        var model = await models.ForAsync(booking, ct);
        // One e-mail per person: an operator's user who also guides the trip hears once.
        foreach (var user in staff.DistinctBy(u => u.UserId))
        {
            var profile = await profiles.ForAsync(user.UserId, booking.OperatorId, booking.TimeZone, ct);
            await planner.PlanAsync(profile, NotificationTypes.MessageNew, ChannelNames.Email, NotificationCategory.Transactional, user.Email, key,
                model with { RecipientName = user.DisplayName }, ct, bookingId: booking.BookingId, departureId: booking.DepartureId);
        }
    }
}
