using System.Globalization;
using KamHub.Core.Errors;

namespace KamHub.Discovery.Availability;

/// <summary>Reads <c>from</c>, <c>to</c> and <c>seats</c> of a search: null when none is given (no departure filter).</summary>
internal static class DepartureWindowQuery
{
    private const string DateFormat = "yyyy-MM-dd";
    private const int MinYear = 2000;
    private const int MaxYear = 2199;

    public static DepartureWindow? Parse(string? from, string? to, int? seats, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(from) && string.IsNullOrWhiteSpace(to) && seats is null) return null;
        errors.When(seats is < 1 or > DepartureWindow.MaxSeats, "seats", $"must be between 1 and {DepartureWindow.MaxSeats}.");
        var (fromUtc, fromLocal) = Bound(from, "from", errors);
        var (toUtc, toLocal) = Bound(to, "to", errors);
        // A date as "to" includes that whole day.
        toLocal = toLocal?.AddDays(1);
        errors.When(fromUtc is not null && toUtc is not null && toUtc <= fromUtc, "to", "must be after from.");
        errors.When(fromLocal is not null && toLocal is not null && toLocal <= fromLocal, "to", "must not be before from.");
        return new DepartureWindow(fromUtc, toUtc, fromLocal, toLocal, seats ?? 1);
    }

    /// <summary>A calendar date (the departure's own zone) or an instant with an offset (UTC); anything else is a 400.</summary>
    private static (DateTime? Utc, DateTime? Local) Bound(string? value, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return (null, null);
        var text = value.Trim();
        if (DateTime.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            if (date.Year is >= MinYear and <= MaxYear) return (null, DateTime.SpecifyKind(date, DateTimeKind.Utc));
        }
        else if (HasOffset(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) &&
                 instant.Year is >= MinYear and <= MaxYear)
        {
            var utc = instant.UtcDateTime;
            return (new DateTime(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc), null);
        }

        errors.Add(field, $"must be a date (2027-07-01, in the departure's time zone) or an instant with offset (2027-07-01T08:00:00Z), years {MinYear}..{MaxYear}.");
        return (null, null);
    }

    /// <summary>"…Z" or "…+12:00": a time without an offset would be ambiguous across the zones tours run in.</summary>
    private static bool HasOffset(string text) =>
        text.Contains('T', StringComparison.Ordinal) &&
        (text.EndsWith('Z') || text.EndsWith('z') || text.LastIndexOfAny(['+', '-']) > text.IndexOf('T', StringComparison.Ordinal));
}
