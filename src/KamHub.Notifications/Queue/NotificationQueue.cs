using KamHub.Notifications.Data;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Notifications.Queue;

/// <summary>
/// Adds rows to the delivery queue inside the caller's transaction (an event handler's). Never sends: the worker does.
/// The key row goes in first with ON CONFLICT DO NOTHING, so a second enqueue of the same (recipient, key) adds nothing.
/// </summary>
internal sealed class NotificationQueue(NotificationsDbContext db, TimeProvider clock)
{
    /// <summary>True when queued; false when this recipient already had this notification key.</summary>
    public async Task<bool> EnqueueAsync(QueuedNotification message, CancellationToken ct)
    {
        var now = StoredTime.Now(clock);
        var id = Guid.CreateVersion7(clock.GetUtcNow());
        var keys = NotificationTables.Quoted(db, "delivery_keys");
        // Only the table name is spliced in; values are parameters.
#pragma warning disable EF1002, EF1003
        var inserted = await db.Database.ExecuteSqlRawAsync(
            $"INSERT INTO {keys} (recipient, notification_key, delivery_id, created_at) VALUES ({{0}}, {{1}}, {{2}}, {{3}}) ON CONFLICT DO NOTHING",
            [message.Recipient, message.NotificationKey, id, now], ct);
#pragma warning restore EF1002, EF1003
        if (inserted == 0) return false;

        db.Deliveries.Add(new Delivery
        {
            Id = id,
            CreatedAt = now,
            UpdatedAt = now,
            Channel = message.Channel,
            Category = message.Category,
            Type = message.Type,
            NotificationKey = message.NotificationKey,
            Recipient = message.Recipient,
            RecipientUserId = message.RecipientUserId,
            Language = message.Language,
            TimeZone = message.TimeZone,
            Model = message.Model.ToJson(),
            Status = DeliveryStatus.Queued,
            NotBefore = StoredTime.Truncate(message.NotBefore < now ? now : message.NotBefore),
            BookingId = message.BookingId,
            DepartureId = message.DepartureId,
        });
        return true;
    }

    /// <summary>Drops reminders not yet sent (queued or waiting for a retry) of a booking or a departure.</summary>
    /// <param name="keepKeySuffix">Reminders whose key ends so (the start they are for) stay: a redelivered reschedule keeps its own.</param>
    public Task<int> CancelRemindersAsync(Guid? bookingId, Guid? departureId, string reason, CancellationToken ct, string? keepKeySuffix = null)
    {
        var now = StoredTime.Now(clock);
        var waiting = db.Deliveries.Where(d => d.Category == NotificationCategory.Reminders
            && (d.Status == DeliveryStatus.Queued || d.Status == DeliveryStatus.Failed));
        if (bookingId is { } b) waiting = waiting.Where(d => d.BookingId == b);
        if (departureId is { } dep) waiting = waiting.Where(d => d.DepartureId == dep);
        if (keepKeySuffix is not null) waiting = waiting.Where(d => !d.NotificationKey.EndsWith(keepKeySuffix));
        return waiting.ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Cancelled)
            .SetProperty(d => d.LastError, reason).SetProperty(d => d.UpdatedAt, now), ct);
    }
}
