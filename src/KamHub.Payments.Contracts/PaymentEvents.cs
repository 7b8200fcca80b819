namespace KamHub.Payments.Contracts;

// Integration events of payments. Aggregate: the payment (payout.completed: the payout).
// Money is integer minor units plus ISO currency.

/// <summary><c>payment.succeeded</c>: the provider captured the money for a booking.</summary>
public sealed record PaymentSucceeded(
    Guid PaymentId,
    Guid BookingId,
    long AmountMinor,
    string Currency,
    string Provider,
    string ProviderReference,
    DateTimeOffset OccurredAt)
{
    public const string EventName = "payment.succeeded";
    public const int EventVersion = 1;
}

/// <summary><c>payment.failed</c>: the provider declined or the attempt errored; the booking stays on hold until it expires.</summary>
public sealed record PaymentFailed(Guid PaymentId, Guid BookingId, long AmountMinor, string Currency, string Provider, string FailureCode, DateTimeOffset OccurredAt)
{
    public const string EventName = "payment.failed";
    public const int EventVersion = 1;
}

/// <summary><c>payment.refunded</c>: money (all or part) went back to the customer.</summary>
/// <param name="Reason">
/// Why (added in v1 without a bump; older events lack it): <c>cancellation</c> (booking.cancelled asked for it),
/// <c>manual</c> (an admin), or <c>provider</c>: made at the provider's side (its dashboard, its support) and learnt from
/// its webhook; KamHub never asked for it, so the booking it paid for must stop saying paid.
/// </param>
public sealed record PaymentRefunded(Guid PaymentId, Guid BookingId, Guid RefundId, long AmountMinor, string Currency, DateTimeOffset OccurredAt,
    string? Reason = null)
{
    /// <summary>The <see cref="Reason"/> of a refund made at the provider's side.</summary>
    public const string ProviderSide = "provider";

    public const string EventName = "payment.refunded";
    public const int EventVersion = 1;
}

/// <summary><c>payout.completed</c>: an operator's (or an agent's) share for a period reached their account.</summary>
/// <param name="OperatorId">Empty for an agent's payout.</param>
/// <param name="AgentId">Added in v1 without a bump (older events lack it: null): the agent paid out (ADR 0023).</param>
/// <param name="AgencyId">Added in v1 without a bump (older events lack it: null): the agency paid out.</param>
public sealed record PayoutCompleted(
    Guid PayoutId,
    Guid OperatorId,
    long AmountMinor,
    string Currency,
    DateTimeOffset PeriodFrom,
    DateTimeOffset PeriodTo,
    DateTimeOffset OccurredAt,
    Guid? AgentId = null,
    Guid? AgencyId = null)
{
    public const string EventName = "payout.completed";
    public const int EventVersion = 1;
}
