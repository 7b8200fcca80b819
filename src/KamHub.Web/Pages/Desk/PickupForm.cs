using System.Globalization;
using KamHub.Core.Time;
using KamHub.Web.Api;

namespace KamHub.Web.Pages.Desk;

/// <summary>One booking's row of a driver's pickup form: where and when (the departure's local wall clock).</summary>
internal sealed class PickupInput
{
    public Guid BookingId { get; set; }

    public string? Point { get; set; }

    public string? At { get; set; }
}

/// <summary>
/// Between the desk's pickup form and Partners' <c>PUT /api/assignments/{id}/pickups</c>: rows left empty are not sent
/// (the list replaces what was there, so clearing a row removes its pickup), local times become instants in the
/// departure's zone, and the API's errors, which name the sent list's index (<c>pickups[2].point</c>), are keyed back to
/// the booking they are about (<c>{bookingId}.point</c>) so each shows under its own input.
/// </summary>
internal static class PickupForm
{
    public const string LocalFormat = "yyyy-MM-dd'T'HH:mm";

    public static string Local(DateTimeOffset utc, string timeZone) =>
        TimeZoneInfo.ConvertTime(utc, TimeZones.FindOrUtc(timeZone)).ToString(LocalFormat, CultureInfo.InvariantCulture);

    /// <summary>The API's body, or the rows whose time is not a date and time (nothing is sent then).</summary>
    public static (object? Body, Dictionary<string, string[]> Errors, List<Guid> Sent) Build(IReadOnlyList<PickupInput> rows, string timeZone, string mustBeTime)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        var sent = new List<Guid>();
        var pickups = new List<object>();
        var zone = TimeZones.FindOrUtc(timeZone);
        foreach (var row in rows.Where(r => !string.IsNullOrWhiteSpace(r.Point) || !string.IsNullOrWhiteSpace(r.At)))
        {
            DateTimeOffset? at = null;
            if (!string.IsNullOrWhiteSpace(row.At))
            {
                if (DateTime.TryParseExact(row.At, LocalFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                    at = new DateTimeOffset(local, zone.GetUtcOffset(local));
                else
                    errors[$"{row.BookingId}.at"] = [mustBeTime];
            }

            sent.Add(row.BookingId);
            pickups.Add(new { bookingId = row.BookingId, point = string.IsNullOrWhiteSpace(row.Point) ? null : row.Point, at });
        }

        return (errors.Count > 0 ? null : new { pickups }, errors, sent);
    }

    /// <summary>The API's field names with the sent index replaced by the booking it was (others kept as they are).</summary>
    public static Dictionary<string, string[]> ByBooking(IReadOnlyDictionary<string, string[]> errors, IReadOnlyList<Guid> sent)
    {
        var keyed = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, messages) in errors)
        {
            var match = System.Text.RegularExpressions.Regex.Match(key, @"^pickups\[(\d+)\]\.(\w+)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            keyed[match.Success && int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var i) && i < sent.Count
                ? $"{sent[i]}.{match.Groups[2].Value}" : key] = messages;
        }

        return keyed;
    }
}
