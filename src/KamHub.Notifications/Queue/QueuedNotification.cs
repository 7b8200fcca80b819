using KamHub.Notifications.Templates;

namespace KamHub.Notifications.Queue;

/// <summary>A message a trigger decided on, before it becomes a queue row.</summary>
/// <param name="NotificationKey">Unique per recipient: the same key is never sent twice (redelivered events, replays).</param>
/// <param name="NotBefore">Earliest send (UTC): now, or a reminder's time; quiet hours may move SMS and push later.</param>
internal sealed record QueuedNotification(
    string Type,
    string Channel,
    string Category,
    string Recipient,
    Guid? RecipientUserId,
    string NotificationKey,
    NotificationModel Model,
    string Language,
    string TimeZone,
    DateTime NotBefore,
    Guid? BookingId = null,
    Guid? DepartureId = null);
