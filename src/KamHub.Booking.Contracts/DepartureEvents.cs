namespace KamHub.Booking.Contracts;

// Integration events of departures and seats. Contracts only: the Booking module publishes them once it exists.

/// <summary><c>departure.scheduled</c>: a dated departure of a tour opened for booking. Aggregate: the departure.</summary>
/// <param name="StartsAt">UTC instant; <paramref name="TimeZone"/> is the IANA zone to show it in (Asia/Kamchatka).</param>
/// <param name="BookableUntil">The cut-off: the UTC instant after which it can no longer be booked (start − cut-off).
/// Optional (added in version 1 without a bump; older events lack it): absent means bookable until it starts.</param>
public sealed record DepartureScheduled(
    Guid DepartureId,
    Guid TourId,
    Guid OperatorId,
    DateTimeOffset StartsAt,
    string TimeZone,
    int Capacity,
    long PriceMinor,
    string Currency,
    DateTimeOffset OccurredAt,
    DateTimeOffset? BookableUntil = null)
{
    public const string EventName = "departure.scheduled";
    public const int EventVersion = 1;
}

/// <summary><c>availability.changed</c>: seats left on a departure changed (hold, booking, cancellation, capacity edit). Aggregate: the departure.</summary>
public sealed record AvailabilityChanged(Guid DepartureId, Guid TourId, int Capacity, int SeatsLeft, DateTimeOffset OccurredAt)
{
    public const string EventName = "availability.changed";
    public const int EventVersion = 1;
}

/// <summary>
/// <c>departure.rescheduled</c>: the operator moved a departure's start (or its time zone). Bookings stay; reminders
/// and search windows move with it. Aggregate: the departure.
/// </summary>
/// <param name="StartsAt">The new UTC start; <paramref name="PreviousStartsAt"/> the one it replaces.</param>
/// <param name="BookableUntil">The cut-off after the change (start − cut-off); also published, with the start
/// unchanged, when only the cut-off moved. Optional as in <see cref="DepartureScheduled"/>.</param>
public sealed record DepartureRescheduled(
    Guid DepartureId,
    Guid TourId,
    Guid OperatorId,
    DateTimeOffset StartsAt,
    DateTimeOffset PreviousStartsAt,
    string TimeZone,
    DateTimeOffset OccurredAt,
    DateTimeOffset? BookableUntil = null)
{
    public const string EventName = "departure.rescheduled";
    public const int EventVersion = 1;
}

/// <summary>
/// <c>departure.cancelled</c>: the operator or an admin cancelled a departure; its bookings are cancelled with a full
/// refund (each gets its own booking.cancelled). Aggregate: the departure.
/// </summary>
public sealed record DepartureCancelled(Guid DepartureId, Guid TourId, Guid OperatorId, string? Reason, DateTimeOffset OccurredAt)
{
    public const string EventName = "departure.cancelled";
    public const int EventVersion = 1;
}
