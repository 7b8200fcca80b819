namespace KamHub.Booking.Policies;

/// <summary>Wall-clock conversion in a departure's zone (the zones themselves: Core's <c>TimeZones</c>).</summary>
internal static class DepartureTimeZones
{
    /// <summary>
    /// A wall-clock time to UTC. A time that does not exist (skipped by a DST jump forward) moves forward by the gap;
    /// an ambiguous one (repeated when clocks go back) is taken at its first occurrence.
    /// </summary>
    public static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified)) unspecified = unspecified.AddHours(1);
        if (zone.IsAmbiguousTime(unspecified))
        {
            var offset = zone.GetAmbiguousTimeOffsets(unspecified).Max();
            return DateTime.SpecifyKind(unspecified - offset, DateTimeKind.Utc);
        }

        return TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
    }

    public static string LocalIso(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
