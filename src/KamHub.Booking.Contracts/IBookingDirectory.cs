namespace KamHub.Booking.Contracts;

/// <summary>What other modules (Notifications) may ask about bookings; they never read Booking's tables.</summary>
public interface IBookingDirectory
{
    /// <summary>A booking with its departure's start, or null when there is none.</summary>
    Task<BookingDetails?> FindAsync(Guid bookingId, CancellationToken ct);

    /// <summary>The confirmed bookings of a departure (the ones whose tourists expect it to run).</summary>
    Task<IReadOnlyList<BookingDetails>> ConfirmedOfDepartureAsync(Guid departureId, CancellationToken ct);
}

/// <param name="StartsAt">The departure's UTC start; <paramref name="TimeZone"/> the IANA zone it is shown in.</param>
/// <param name="Status">held, confirmed, completed, expired or cancelled.</param>
public sealed record BookingDetails(
    Guid BookingId,
    string Reference,
    Guid TourId,
    Guid OperatorId,
    Guid DepartureId,
    DateTimeOffset StartsAt,
    string TimeZone,
    Guid CustomerId,
    string ContactEmail,
    string? ContactPhone,
    int Seats,
    long AmountMinor,
    string Currency,
    string Status);
