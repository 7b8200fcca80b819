namespace KamHub.Booking.Data;

/// <summary>A dated run of a tour. <see cref="SeatsTaken"/> is the seats counter the capacity rule is enforced on (ADR 0005).</summary>
internal sealed class Departure
{
    public Guid Id { get; set; }

    public Guid TourId { get; set; }

    /// <summary>Copied from the catalog when scheduled, so access checks need no call to Discovery.</summary>
    public Guid OperatorId { get; set; }

    /// <summary>UTC instant of the start.</summary>
    public DateTime StartsAt { get; set; }

    /// <summary>
    /// UTC instant the trip ends: the start plus the tour's duration when it was scheduled (elapsed time, so a change of
    /// offset in the zone during the trip does not move it). Null on departures scheduled before it existed: the trip
    /// completer fills it from the catalog. A reschedule moves it with the start.
    /// </summary>
    public DateTime? EndsAt { get; set; }

    /// <summary>IANA zone the start was given in and is shown in; cancellation tiers in days are counted in it.</summary>
    public string TimeZone { get; set; } = "";

    public int Capacity { get; set; }

    /// <summary>Seats of confirmed bookings and of holds not yet reclaimed (some may have expired: see ADR 0005).</summary>
    public int SeatsTaken { get; set; }

    /// <summary>Per seat, fixed when scheduled: the override or the tour's base price at that moment.</summary>
    public long PriceMinor { get; set; }

    public bool PriceOverridden { get; set; }

    /// <summary>
    /// Per child seat, fixed when scheduled: the departure's child override, else the tour's child price; null means
    /// children pay <see cref="PriceMinor"/>. See <see cref="ChildFare"/>.
    /// </summary>
    public long? ChildPriceMinor { get; set; }

    /// <summary>What a child seat costs: never more than an adult seat (an adult override below the tour's child price wins).</summary>
    public long ChildFare => Math.Min(ChildPriceMinor ?? PriceMinor, PriceMinor);

    public string Currency { get; set; } = "";

    /// <summary>Bookings close this many minutes before the start.</summary>
    public int CutOffMinutes { get; set; }

    /// <summary>JSON of a <see cref="Policies.CancellationPolicy"/>; null means the configured default.</summary>
    public string? CancellationPolicy { get; set; }

    public string Status { get; set; } = DepartureStatus.Scheduled;

    /// <summary>
    /// Moves by one with every change of seats, capacity or status, in the statement that makes the change. The
    /// availability publisher announces a departure whose version is ahead of <see cref="AvailabilityPublished"/>
    /// (ADR 0005 amendment): the hot row's transaction writes no event of its own.
    /// </summary>
    public long AvailabilityVersion { get; set; }

    /// <summary>The <see cref="AvailabilityVersion"/> the last availability.changed of this departure described.</summary>
    public long AvailabilityPublished { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal static class DepartureStatus
{
    public const string Scheduled = "scheduled";
    public const string Cancelled = "cancelled";
}
