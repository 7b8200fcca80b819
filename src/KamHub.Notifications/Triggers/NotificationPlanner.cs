using KamHub.Notifications.Preferences;
using KamHub.Notifications.Queue;
using KamHub.Notifications.Templates;
using KamHub.Core.Time;

namespace KamHub.Notifications.Triggers;

/// <summary>Applies a recipient's preferences (channels turned off, quiet hours) to a message a trigger decided on, then queues it.</summary>
internal sealed class NotificationPlanner(NotificationQueue queue, TimeProvider clock)
{
    /// <param name="at">Earliest send; null = now.</param>
    /// <param name="latest">Drop the message when quiet hours would push it to or past this instant (a reminder after the start).</param>
    public async Task<bool> PlanAsync(RecipientProfile to, string type, string channel, string category, string recipient, string key,
        NotificationModel model, CancellationToken ct, DateTime? at = null, DateTime? latest = null, Guid? bookingId = null, Guid? departureId = null)
    {
        if (!to.Allows(category, channel)) return false;
        var notBefore = to.Defer(channel, at ?? StoredTime.Now(clock));
        if (latest is { } limit && notBefore >= limit) return false;
        return await queue.EnqueueAsync(new QueuedNotification(type, channel, category, recipient, to.UserId, key, model, to.Language, to.TimeZone,
            notBefore, bookingId, departureId), ct);
    }
}
