namespace KamHub.Discovery.Availability;

/// <summary>Wall-clock times in a departure's IANA zone, kept as UTC-kind values so both providers store them unchanged.</summary>
internal static class LocalClock
{
    public static DateTime WallClock(DateTimeOffset instant, string? timeZone)
    {
        var zone = Find(timeZone);
        return DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(instant, zone).DateTime, DateTimeKind.Utc);
    }

    /// <summary>An unknown zone (Booking validates them, so only a future zone database change) falls back to UTC.</summary>
    private static TimeZoneInfo Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return TimeZoneInfo.Utc;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
