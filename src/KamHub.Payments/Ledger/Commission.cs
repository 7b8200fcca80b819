namespace KamHub.Payments.Ledger;

/// <summary>
/// The rule (ADR 0006): commission is charged on what the customer finally paid, captured − refunded, rounded down to
/// the minor unit in the operator's favour. A refund therefore returns its share of the commission; the amount due is
/// always recomputed from the totals, so rounding never drifts over several partial refunds.
/// </summary>
internal static class Commission
{
    /// <summary>
    /// The platform-funded discount still owed to the operator (ADR 0019): all of it while nothing is refunded, and the
    /// share of it the customer kept paying for after refunds (a full refund owes nothing), rounded down.
    /// </summary>
    public static long DiscountDue(long discountMinor, long capturedMinor, long refundedMinor) =>
        capturedMinor <= 0 ? 0 : discountMinor * (capturedMinor - refundedMinor) / capturedMinor;

    public static long Due(long capturedMinor, long refundedMinor, int basisPoints) =>
        (capturedMinor - refundedMinor) * basisPoints / 10_000;
}
