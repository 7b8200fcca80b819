using KamHub.Discovery.Data;

namespace KamHub.Discovery.Availability;

/// <summary>
/// Which departures a search asks for: still bookable (before their cut-off, so after now), inside the window, with at least <see cref="Seats"/> seats
/// left, not cancelled. Each bound is either an instant (compared in UTC) or a calendar date (compared with the
/// departure's wall clock in its own zone, so "1 July" means 1 July in Kamchatka); a date as <c>to</c> includes that day.
/// </summary>
internal sealed record DepartureWindow(DateTime? FromUtc, DateTime? ToUtc, DateTime? FromLocal, DateTime? ToLocal, int Seats)
{
    public const int MaxSeats = 1000;

    /// <summary>No window: any upcoming open departure with a seat.</summary>
    public static readonly DepartureWindow Any = new(null, null, null, null, 1);

    public bool Matches(UpcomingDeparture d, DateTime now) =>
        d.IsOpen(now) && d.SeatsLeft >= Seats && !(d.StartsAt < FromUtc) && !(d.StartsAt >= ToUtc) && !(d.StartsLocal < FromLocal) && !(d.StartsLocal >= ToLocal);

    /// <summary>The same test in SQL, for the search's EXISTS over the projection.</summary>
    public IQueryable<TourDeparture> Filter(IQueryable<TourDeparture> departures, DateTime now)
    {
        var seats = Seats;
        var q = departures.Where(d => !d.Cancelled && d.SeatsLeft >= seats && d.StartsAt > now && (d.BookableUntil == null || d.BookableUntil > now));
        if (FromUtc is { } fromUtc) q = q.Where(d => d.StartsAt >= fromUtc);
        if (ToUtc is { } toUtc) q = q.Where(d => d.StartsAt < toUtc);
        if (FromLocal is { } fromLocal) q = q.Where(d => d.StartsLocal >= fromLocal);
        if (ToLocal is { } toLocal) q = q.Where(d => d.StartsLocal < toLocal);
        return q;
    }
}
