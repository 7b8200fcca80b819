namespace KamHub.Engagement.Data;

/// <summary>
/// One line of a user's loyalty points ledger, never changed once written: an earning (positive, with its expiry), the
/// reversal of one (negative, when the trip's money went back), a redemption (negative: points spent on a booking's
/// hold) or the return of one (positive: the booking expired, was cancelled or never stored). A payment that confirms a
/// booking after its hold expired spends the returned points again (<see cref="Retaken"/>), and a later cancellation of
/// that booking gives its share of them back (<see cref="RetakeReturned"/>), ADR 0019. At most one line of each kind
/// per booking.
/// </summary>
internal sealed class PointsEntry
{
    public const string Earned = "earned";
    public const string Reversed = "reversed";
    public const string Redeemed = "redeemed";
    public const string Returned = "returned";
    public const string Retaken = "retaken";
    public const string RetakeReturned = "retake-returned";

    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public Guid BookingId { get; set; }

    public string Kind { get; set; } = Earned;

    public long Points { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When an earning lapses (oldest first, since they are earned in order); null on the other kinds.</summary>
    public DateTime? ExpiresAt { get; set; }
}
