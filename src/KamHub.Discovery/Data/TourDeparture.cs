namespace KamHub.Discovery.Data;

/// <summary>
/// Discovery's own copy of a tour's departure and its seats, built from Booking's events (never from Booking's
/// tables). Two groups of fields move independently: the schedule (start, from departure.scheduled/rescheduled) and
/// the seats (capacity and seats left, from departure.scheduled/availability.changed). Each group keeps the outbox
/// position of the event that last set it, so a replayed or late older event never overwrites a newer state, in
/// whatever order two subscribers apply them. Cancelled only ever turns on: a cancelled departure stays cancelled.
/// </summary>
internal sealed class TourDeparture
{
    public const string Table = "departures";
    public const string TourStartsIndex = "ix_discovery_departures_tour_starts_at";
    public const string StartsIndex = "ix_discovery_departures_starts_at";
    public const string StartsLocalIndex = "ix_discovery_departures_starts_local";

    public Guid DepartureId { get; set; }

    public Guid TourId { get; set; }

    /// <summary>UTC; null until the schedule is known (seats arrived first, e.g. a replay of availability alone).</summary>
    public DateTime? StartsAt { get; set; }

    /// <summary>
    /// The wall-clock start in the departure's own zone, stored as if it were UTC (both providers keep it unchanged):
    /// date filters ("tours on 1 July") compare calendar days where the tour runs, not in UTC.
    /// </summary>
    public DateTime? StartsLocal { get; set; }

    /// <summary>
    /// UTC cut-off (part of the schedule group): from then on it can no longer be booked, so search no longer offers it.
    /// Null when Booking's event did not carry one: bookable until <see cref="StartsAt"/>.
    /// </summary>
    public DateTime? BookableUntil { get; set; }

    public int Capacity { get; set; }

    public int SeatsLeft { get; set; }

    public bool Cancelled { get; set; }

    /// <summary>Booking outbox position of the event that set <see cref="StartsAt"/>; 0 when none yet.</summary>
    public long SchedulePosition { get; set; }

    /// <summary>Booking outbox position of the event that set <see cref="Capacity"/> and <see cref="SeatsLeft"/>; 0 when none yet.</summary>
    public long SeatsPosition { get; set; }

    public DateTime UpdatedAt { get; set; }
}
