namespace KamHub.Booking.Policies;

/// <summary>IANA zones of departures and wall-clock conversion.</summary>
internal static class DepartureTimeZones
{
    public static TimeZoneInfo? Find(string? id)
    {
        // IANA ids only: the zone is stored and shown to clients, and Windows names would not round-trip.
        if (string.IsNullOrWhiteSpace(id) || !id.Contains('/', StringComparison.Ordinal) && id != "UTC") return null;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }

    public static TimeZoneInfo Get(string id) => Find(id) ?? TimeZoneInfo.Utc;

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
