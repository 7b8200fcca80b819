namespace KamHub.Booking.Contracts;

// Integration events of departures and seats. Contracts only: the Booking module publishes them once it exists.

/// <summary><c>departure.scheduled</c>: a dated departure of a tour opened for booking. Aggregate: the departure.</summary>
/// <param name="StartsAt">UTC instant; <paramref name="TimeZone"/> is the IANA zone to show it in (Asia/Kamchatka).</param>
public sealed record DepartureScheduled(
    Guid DepartureId,
    Guid TourId,
    Guid OperatorId,
    DateTimeOffset StartsAt,
    string TimeZone,
    int Capacity,
    long PriceMinor,
    string Currency,
    DateTimeOffset OccurredAt)
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
