using System.Globalization;

namespace KamHub.Notifications.Preferences;

/// <summary>A local-time window ("22:00"–"08:00" may cross midnight) in which SMS and push wait.</summary>
internal sealed record QuietHours(TimeOnly Start, TimeOnly End)
{
    public static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    public static QuietHours? From(string? start, string? end) =>
        TryParseTime(start, out var s) && TryParseTime(end, out var e) && s != e ? new QuietHours(s, e) : null;

    /// <summary>The instant itself when outside the window, else the window's end (UTC).</summary>
    public DateTime Defer(DateTime utc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        var time = TimeOnly.FromDateTime(local);
        var crossesMidnight = Start > End;
        var inside = crossesMidnight ? time >= Start || time < End : time >= Start && time < End;
        if (!inside) return utc;
        var endDate = local.Date;
        if (crossesMidnight && time >= Start) endDate = endDate.AddDays(1);
        var endLocal = endDate + End.ToTimeSpan();
        // A window ending inside a daylight-saving gap ends when the clocks have jumped.
        if (zone.IsInvalidTime(endLocal)) endLocal = endLocal.AddHours(1);
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(endLocal, DateTimeKind.Unspecified), zone);
    }
}
