using KamHub.Booking.Contracts;
using KamHub.Notifications.Data;
using KamHub.Notifications.Preferences;
using KamHub.Notifications.Templates;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Notifications.Triggers;

/// <summary>
/// One push per active device a user registered, each its own queue row (the token is the recipient, so the
/// (recipient, key) guard holds per device), through the planner: preferences and quiet hours apply. Tourists get theirs
/// per booking; guides and drivers theirs per assignment (<see cref="ToUserAsync"/>).
/// </summary>
internal sealed class TouristPush(NotificationsDbContext db, NotificationPlanner planner)
{
    public Task<int> QueueAsync(RecipientProfile tourist, BookingDetails booking, string type, string category, string key, NotificationModel model,
        CancellationToken ct, DateTime? at = null, DateTime? latest = null) =>
        ToUserAsync(tourist, booking.CustomerId, type, category, key, model, ct, at, latest, booking.BookingId, booking.DepartureId);

    public async Task<int> ToUserAsync(RecipientProfile to, Guid userId, string type, string category, string key, NotificationModel model,
        CancellationToken ct, DateTime? at = null, DateTime? latest = null, Guid? bookingId = null, Guid? departureId = null)
    {
        var tokens = await db.Devices.AsNoTracking().Where(d => d.UserId == userId && d.Active).OrderBy(d => d.Id).Select(d => d.Token).ToListAsync(ct);
        var queued = 0;
        foreach (var token in tokens)
        {
            if (await planner.PlanAsync(to, type, ChannelNames.Push, category, token, key, model, ct, at, latest, bookingId, departureId))
                queued++;
        }

        return queued;
    }
}
