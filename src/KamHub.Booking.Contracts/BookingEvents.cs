namespace KamHub.Booking.Contracts;

// Integration events of a booking's life. Aggregate: the booking. Money is integer minor units plus ISO currency.

/// <summary><c>booking.created</c>: seats are held for a customer until <paramref name="HoldExpiresAt"/>, awaiting payment.</summary>
public sealed record BookingCreated(
    Guid BookingId,
    Guid DepartureId,
    Guid TourId,
    Guid CustomerId,
    int Seats,
    long TotalMinor,
    string Currency,
    DateTimeOffset HoldExpiresAt,
    DateTimeOffset OccurredAt)
{
    public const string EventName = "booking.created";
    public const int EventVersion = 1;
}

/// <summary><c>booking.confirmed</c>: payment succeeded; the seats are the customer's.</summary>
public sealed record BookingConfirmed(
    Guid BookingId,
    Guid DepartureId,
    Guid TourId,
    Guid CustomerId,
    int Seats,
    long TotalMinor,
    string Currency,
    DateTimeOffset OccurredAt)
{
    public const string EventName = "booking.confirmed";
    public const int EventVersion = 1;
}

/// <summary><c>booking.cancelled</c>: the customer, operator or an admin cancelled; seats return to the departure.</summary>
/// <param name="CancelledBy">customer, operator or admin.</param>
public sealed record BookingCancelled(Guid BookingId, Guid DepartureId, int Seats, string CancelledBy, string? Reason, DateTimeOffset OccurredAt)
{
    public const string EventName = "booking.cancelled";
    public const int EventVersion = 1;
}

/// <summary><c>booking.expired</c>: the hold ran out before payment; seats return to the departure.</summary>
public sealed record BookingExpired(Guid BookingId, Guid DepartureId, int Seats, DateTimeOffset OccurredAt)
{
    public const string EventName = "booking.expired";
    public const int EventVersion = 1;
}
