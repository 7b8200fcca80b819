namespace KamHub.Discovery.Availability;

/// <summary>A tour's open departure as cached per tour (UTC start, wall-clock start in its zone, seats left, UTC cut-off).</summary>
/// <param name="BookableUntil">Null in entries cached before the cut-off was known (a shared cache across a deploy): the start counts.</param>
internal sealed record UpcomingDeparture(Guid Id, DateTime StartsAt, DateTime StartsLocal, int SeatsLeft, DateTime? BookableUntil = null)
{
    /// <summary>Until when it can be booked, and so offered: its cut-off, never later than its start.</summary>
    public DateTime OpenUntil => BookableUntil is { } until && until < StartsAt ? until : StartsAt;

    public bool IsOpen(DateTime now) => OpenUntil > now;

    public DepartureSeats ToSeats() => new(Id, new DateTimeOffset(DateTime.SpecifyKind(StartsAt, DateTimeKind.Utc)), SeatsLeft);
}
