using System.Globalization;

namespace KamHub.Booking.Seeding;

/// <summary>When the demo departures of the n-th demo tour start: weekly over the coming weeks, mornings in Kamchatka.</summary>
internal static class DemoSchedule
{
    public const string TimeZone = "Asia/Kamchatka";
    public const int DeparturesPerTour = 4;

    /// <returns>Wall-clock starts in <see cref="TimeZone"/> as the API takes them (2027-07-01T08:00).</returns>
    public static IEnumerable<string> Starts(int tourIndex, DateTime todayLocal)
    {
        // Spread over the week so the calendar is not one busy day; the first one at least two days out.
        var first = todayLocal.Date.AddDays(2 + tourIndex % 6).AddHours(7 + tourIndex % 3);
        for (var week = 0; week < DeparturesPerTour; week++)
            yield return first.AddDays(7 * week).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
    }
}
