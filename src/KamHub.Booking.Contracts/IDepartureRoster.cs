namespace KamHub.Booking.Contracts;

/// <summary>
/// What Partners asks about a departure it assigns guides and drivers to (ADR 0020): its times and operator, and who
/// travels on it. Read-only; other modules never read Booking's tables.
/// </summary>
public interface IDepartureRoster
{
    /// <summary>The departure, or null when there is none.</summary>
    Task<DepartureSummary?> FindAsync(Guid departureId, CancellationToken ct);

    /// <summary>The departure's confirmed, completed and no-show bookings with their participants, oldest first.</summary>
    Task<IReadOnlyList<RosterBooking>> BookingsAsync(Guid departureId, CancellationToken ct);
}

/// <param name="EndsAt">UTC end (start + the tour's duration); null on departures scheduled before ends were recorded.</param>
/// <param name="Status">scheduled or cancelled.</param>
public sealed record DepartureSummary(Guid DepartureId, Guid TourId, Guid OperatorId, DateTimeOffset StartsAt, DateTimeOffset? EndsAt, string TimeZone,
    string Status);

/// <param name="Attendance">present, no-show or null (not marked).</param>
public sealed record RosterBooking(Guid BookingId, string Reference, IReadOnlyList<string> Participants, int Seats, string ContactEmail, string? ContactPhone,
    string Status, string? Attendance);
