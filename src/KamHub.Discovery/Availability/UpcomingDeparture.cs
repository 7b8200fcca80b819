namespace KamHub.Discovery.Availability;

/// <summary>A tour's open departure as cached per tour (UTC start, wall-clock start in its zone, seats left).</summary>
internal sealed record UpcomingDeparture(Guid Id, DateTime StartsAt, DateTime StartsLocal, int SeatsLeft)
{
    public DepartureSeats ToSeats() => new(Id, new DateTimeOffset(DateTime.SpecifyKind(StartsAt, DateTimeKind.Utc)), SeatsLeft);
}
