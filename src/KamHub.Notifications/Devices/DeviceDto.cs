using KamHub.Notifications.Data;
using KamHub.Core.Time;

namespace KamHub.Notifications.Devices;

/// <summary>A registered push device as its owner sees it; inactive ones are tokens a provider reported gone.</summary>
internal sealed record DeviceDto(Guid Id, string Platform, string Token, bool Active, DateTimeOffset CreatedAt, DateTimeOffset? DeactivatedAt, string? DeactivationReason)
{
    public static DeviceDto From(PushDevice d) => new(d.Id, d.Platform, d.Token, d.Active, StoredTime.Utc(d.CreatedAt),
        d.DeactivatedAt is { } at ? StoredTime.Utc(at) : null, d.DeactivationReason);
}

/// <param name="Platform">fcm (Firebase, Android and web) or apns (Apple).</param>
/// <param name="Token">The FCM registration token or the APNs device token (hex).</param>
internal sealed record RegisterDeviceRequest(string? Platform, string? Token);
