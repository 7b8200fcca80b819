using KamHub.Booking.Contracts;
using KamHub.Core.Events;
using KamHub.Notifications.Queue;

namespace KamHub.Notifications.Triggers;

/// <summary>departure.cancelled → its waiting reminders are dropped (each booking's own booking.cancelled tells the tourist).</summary>
internal sealed class DepartureCancelledHandler(NotificationQueue queue) : IEventHandler
{
    public const string Subscriber = "notifications.departure-cancelled";

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken ct) =>
        await queue.CancelRemindersAsync(null, envelope.PayloadAs<DepartureCancelled>().DepartureId, "departure cancelled", ct);
}
