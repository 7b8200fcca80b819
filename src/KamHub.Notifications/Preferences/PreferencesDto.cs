using KamHub.Notifications.Data;

namespace KamHub.Notifications.Preferences;

/// <summary>
/// A user's notification settings as GET answers and PUT takes them. <see cref="Channels"/>: category → channel → on.
/// Transactional channels are always on; a PUT turning one off is refused.
/// </summary>
internal sealed record PreferencesDto(
    string? Language,
    string? TimeZone,
    string? Phone,
    QuietHoursDto? QuietHours,
    Dictionary<string, Dictionary<string, bool>>? Channels)
{
    public static PreferencesDto From(UserPreferences? p) => new(
        p?.Language,
        p?.TimeZone,
        p?.Phone,
        p?.QuietHoursStart is { } start && p.QuietHoursEnd is { } end ? new QuietHoursDto(start, end) : null,
        NotificationCategory.All.ToDictionary(c => c, c => ChannelNames.All.ToDictionary(ch => ch, ch => p?.Allows(c, ch) ?? true)));
}

/// <param name="Start">Local "HH:mm" in the user's time zone.</param>
internal sealed record QuietHoursDto(string? Start, string? End);
