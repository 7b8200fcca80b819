using System.Globalization;
using KamHub.Core.Time;

namespace KamHub.Web.Localization;

/// <summary>Money in its own currency and instants in the departure's own time zone, in the page's language.</summary>
internal static class Formats
{
    /// <summary>Region of a tour to the zone its departures are held in, for lists that carry only a UTC instant.</summary>
    public static string RegionZone(string? region) => region switch
    {
        "kamchatka" => "Asia/Kamchatka",
        _ => "UTC",
    };

    public static string Money(long minor, string currency)
    {
        var digits = currency is "JPY" or "KRW" ? 0 : 2;
        var major = minor / (decimal)Math.Pow(10, digits);
        var format = major == decimal.Truncate(major) ? "N0" : "N2";
        var symbol = currency switch { "RUB" => "₽", "USD" => "$", "EUR" => "€", _ => currency };
        var number = major.ToString(format, CultureInfo.CurrentCulture);
        return symbol == "$" || symbol == "€" ? symbol + number : $"{number}\u00a0{symbol}";
    }

    public static string When(DateTimeOffset utc, string timeZone)
    {
        var zone = TimeZones.FindOrUtc(timeZone);
        var local = TimeZoneInfo.ConvertTime(utc, zone);
        return local.ToString(UiText.IsRussian ? "d MMMM yyyy, HH:mm" : "ddd d MMMM yyyy, HH:mm", CultureInfo.CurrentCulture) + " " + ZoneLabel(timeZone);
    }

    public static string Day(DateTimeOffset utc, string timeZone) =>
        TimeZoneInfo.ConvertTime(utc, TimeZones.FindOrUtc(timeZone)).ToString("d MMMM", CultureInfo.CurrentCulture);

    /// <summary>A day with its year (validity periods run across years).</summary>
    public static string Date(DateTimeOffset utc, string timeZone) =>
        TimeZoneInfo.ConvertTime(utc, TimeZones.FindOrUtc(timeZone)).ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    public static string Time(DateTimeOffset utc, string timeZone) =>
        TimeZoneInfo.ConvertTime(utc, TimeZones.FindOrUtc(timeZone)).ToString("HH:mm", CultureInfo.InvariantCulture) + " " + ZoneLabel(timeZone);

    public static string Duration(int minutes) =>
        minutes >= 24 * 60 ? UiText.T("days", minutes / (24 * 60)) : minutes >= 60 ? UiText.T("hours", Math.Round(minutes / 60.0, 1)) : UiText.T("minutes", minutes);

    private static string ZoneLabel(string timeZone) => timeZone switch
    {
        "Asia/Kamchatka" => UiText.T("kamchatka-time"),
        _ => $"({timeZone})",
    };
}
