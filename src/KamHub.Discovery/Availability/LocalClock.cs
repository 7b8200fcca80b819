using KamHub.Core.Time;

namespace KamHub.Discovery.Availability;

/// <summary>Wall-clock times in a departure's IANA zone, kept as UTC-kind values so both providers store them unchanged.</summary>
internal static class LocalClock
{
    public static DateTime WallClock(DateTimeOffset instant, string? timeZone)
    {
        // Booking validated the zone; one the zone database has since dropped reads as UTC.
        var zone = TimeZones.FindOrUtc(timeZone);
        return DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(instant, zone).DateTime, DateTimeKind.Utc);
    }
}
