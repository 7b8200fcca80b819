using KamHub.Notifications.Data;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Notifications.Devices;

/// <summary>Marks a push token inactive (for every user who registered it) when its provider says it will never work again.</summary>
internal static class PushDeviceDeactivation
{
    public static Task<int> DeactivateAsync(NotificationsDbContext db, string token, string reason, DateTime now, CancellationToken ct)
    {
        var trimmed = reason.Length > PushDevice.ReasonMaxLength ? reason[..PushDevice.ReasonMaxLength] : reason;
        return db.Devices.Where(d => d.Token == token && d.Active)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Active, false).SetProperty(d => d.DeactivatedAt, now)
                .SetProperty(d => d.DeactivationReason, trimmed).SetProperty(d => d.UpdatedAt, now), ct);
    }
}
