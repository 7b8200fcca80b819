namespace KamHub.Payments.Contracts;

/// <summary>What other modules may read about a booking's payment (Booking shows it with the booking); never Payments' tables.</summary>
public interface IPaymentDirectory
{
    /// <summary>The booking's payment, or null when none was started.</summary>
    Task<PaymentView?> FindByBookingAsync(Guid bookingId, CancellationToken ct);

    /// <summary>
    /// The money of an agent's bookings as the ledger has it (ADR 0023), for those of <paramref name="bookingIds"/> that have a
    /// captured payment; the caller sends at most a few hundred ids at a time.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, AgentSaleMoney>> AgentSalesAsync(IReadOnlyCollection<Guid> bookingIds, CancellationToken ct);
}

/// <param name="CapturedMinor">What the customer paid.</param>
/// <param name="RefundedMinor">What was refunded so far (completed refunds).</param>
/// <param name="AgentCommissionMinor">The agent's commission in the ledger now: its share of captured − refunded.</param>
public sealed record AgentSaleMoney(long CapturedMinor, long RefundedMinor, long AgentCommissionMinor);

/// <param name="Status">pending, succeeded or failed.</param>
/// <param name="RedirectUrl">Where to pay, while the payment is pending; null once it is settled.</param>
/// <param name="ConfirmationToken">For client-side flows, while pending; null otherwise.</param>
/// <param name="Amount">What is to be paid, integer minor units of <paramref name="Currency"/>.</param>
/// <param name="Refunded">What the provider has refunded so far, minor units.</param>
public sealed record PaymentView(
    Guid Id,
    string Provider,
    string Status,
    long Amount,
    string Currency,
    string? RedirectUrl,
    string? ConfirmationToken,
    long Refunded);
