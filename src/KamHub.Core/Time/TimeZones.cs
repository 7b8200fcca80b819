namespace KamHub.Core.Time;

/// <summary>IANA time zones by id, the one lookup of the platform (departures, recipients, pages).</summary>
public static class TimeZones
{
    /// <summary>
    /// The zone, or null for an unknown id instead of an exception. IANA ids only (and "UTC"): zones are stored and
    /// shown to clients, and Windows names would not round-trip.
    /// </summary>
    public static TimeZoneInfo? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || !id.Contains('/', StringComparison.Ordinal) && id != "UTC") return null;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    /// <summary>For values validated when they were stored: a zone the zone database has since dropped reads as UTC.</summary>
    public static TimeZoneInfo FindOrUtc(string? id) => Find(id) ?? TimeZoneInfo.Utc;
}
