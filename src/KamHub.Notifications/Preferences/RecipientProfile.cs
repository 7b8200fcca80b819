using KamHub.Notifications.Data;
using KamHub.Core.Time;

namespace KamHub.Notifications.Preferences;

/// <summary>Who a message goes to, as far as sending decides: language, time zone, channels turned off, quiet hours.</summary>
internal sealed record RecipientProfile(Guid? UserId, string Language, string TimeZone, UserPreferences? Preferences)
{
    public TimeZoneInfo Zone => TimeZones.Find(TimeZone) ?? TimeZoneInfo.Utc;

    public bool Allows(string category, string channel) => Preferences?.Allows(category, channel) ?? true;

    /// <summary>SMS and push inside the quiet hours wait for their end; e-mail is never deferred.</summary>
    public DateTime Defer(string channel, DateTime utc) =>
        channel != ChannelNames.Email && QuietHours.From(Preferences?.QuietHoursStart, Preferences?.QuietHoursEnd) is { } quiet ? quiet.Defer(utc, Zone) : utc;
}
