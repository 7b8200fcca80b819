namespace KamHub.Booking.Data;

/// <summary>
/// Booking states as stored and answered. Allowed transitions (anything else is ignored or refused):
/// held → confirmed | expired | cancelled; expired → confirmed (a late payment re-acquired seats) | cancelled
/// (a late payment found none: refunded); confirmed → cancelled | completed (its departure ended). Cancelled is terminal;
/// completed only leaves for cancelled when the money is refunded at the provider;
/// confirmed ⇄ no-show while attendance may be marked (ADR 0020).
/// </summary>
internal static class BookingStatus
{
    public const string Held = "held";
    public const string Confirmed = "confirmed";
    public const string Expired = "expired";
    public const string Cancelled = "cancelled";
    public const string Completed = "completed";

    /// <summary>Marked absent at the departure by its operator or assigned guide (ADR 0020): never completes; present again returns it to confirmed.</summary>
    public const string NoShow = "no-show";

    /// <summary>What a reader sees: a hold past its expiry is expired even before the sweeper marks it.</summary>
    public static string Effective(string status, DateTime holdExpiresAt, DateTime now) =>
        status == Held && holdExpiresAt <= now ? Expired : status;
}
