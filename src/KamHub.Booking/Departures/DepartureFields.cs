using System.Globalization;
using KamHub.Booking.Policies;
using KamHub.Core.Errors;
using KamHub.Core.Time;

namespace KamHub.Booking.Departures;

/// <summary>Parsing and checks shared by scheduling and editing a departure; errors name the JSON field.</summary>
internal static class DepartureFields
{
    public const int MaxCapacity = 1000;
    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];

    /// <summary>The UTC start of a wall-clock time in a zone, or null with the error recorded.</summary>
    public static DateTime? StartUtc(string? startsAt, string? timeZone, DateTime now, ValidationErrors errors)
    {
        var zone = TimeZones.Find(timeZone);
        if (string.IsNullOrWhiteSpace(timeZone)) errors.Add("timeZone", "is required.");
        else if (zone is null) errors.Add("timeZone", "must be an IANA time zone such as Asia/Kamchatka.");

        if (string.IsNullOrWhiteSpace(startsAt))
        {
            errors.Add("startsAt", "is required.");
            return null;
        }

        if (!DateTime.TryParseExact(startsAt, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            errors.Add("startsAt", "must be a local date and time without offset, e.g. 2027-07-01T08:00 (the zone goes in timeZone).");
            return null;
        }

        if (zone is null) return null;
        if (zone.IsInvalidTime(local))
        {
            errors.Add("startsAt", $"does not exist in {timeZone} (skipped by a daylight-saving change).");
            return null;
        }

        var utc = StoredTime.Truncate(DepartureTimeZones.ToUtc(local, zone));
        if (utc <= now) errors.Add("startsAt", "must be in the future.");
        return utc;
    }

    public static void Check(int? capacity, long? priceOverride, long? childPriceOverride, int? cutOffMinutes, CancellationPolicy? policy, ValidationErrors errors)
    {
        errors.When(capacity is < 1 or > MaxCapacity, "capacity", $"must be between 1 and {MaxCapacity}.");
        errors.When(priceOverride is < 0 or > 1_000_000_000_00, "priceOverride", "must be between 0 and 100000000000 minor units.");
        errors.When(childPriceOverride is < 0 or > 1_000_000_000_00, "childPriceOverride", "must be between 0 and 100000000000 minor units.");
        errors.When(cutOffMinutes is < 0 or > 7 * 24 * 60, "cutOffMinutes", "must be between 0 and 10080.");
        if (policy is not null)
        {
            foreach (var (field, message) in policy.Validate("cancellationPolicy")) errors.Add(field, message);
        }
    }
}
