namespace KamHub.Engagement.Contracts;

/// <summary>
/// Spending loyalty points on a booking (facade of the Engagement module, ADR 0019). Booking reserves points while it
/// holds seats, synchronously, so a tourist who has not got them hears so in the booking's answer; the points come back
/// on the booking's booking.expired or booking.cancelled, or at once through <see cref="ReleaseAsync"/> when the hold
/// never committed. When no implementation is registered (Engagement is not part of the process), a booking that asks
/// to spend points is refused.
/// </summary>
public interface IPointsRedemption
{
    /// <summary>
    /// Reserves <see cref="PointsReservationRequest.Points"/> of the user's balance for the booking, under a per-user lock:
    /// concurrent reservations of one user never spend more than the balance. Idempotent per booking.
    /// </summary>
    Task<PointsReservation> ReserveAsync(PointsReservationRequest request, CancellationToken ct);

    /// <summary>Gives back a reservation whose booking was never stored (sold out, a duplicate request, a failure). Idempotent.</summary>
    Task ReleaseAsync(Guid bookingId, CancellationToken ct);
}

/// <param name="PriceMinor">The booking's full price, integer minor units: the discount may cover at most a configured share of it.</param>
public sealed record PointsReservationRequest(Guid UserId, Guid BookingId, long Points, long PriceMinor, string Currency);

/// <param name="Outcome">One of <see cref="PointsReservationOutcomes"/>.</param>
/// <param name="DiscountMinor">The discount the reserved points buy (minor units), 0 unless reserved.</param>
/// <param name="Balance">The user's spendable balance before this reservation (to explain a refusal).</param>
/// <param name="MaxPoints">The most points this price allows.</param>
public sealed record PointsReservation(string Outcome, long DiscountMinor, long Balance, long MaxPoints);

public static class PointsReservationOutcomes
{
    public const string Reserved = "reserved";

    /// <summary>The user has fewer points than asked.</summary>
    public const string InsufficientBalance = "insufficient-balance";

    /// <summary>More points than the configured share of the price allows.</summary>
    public const string OverLimit = "over-limit";
}
