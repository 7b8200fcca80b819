namespace KamHub.Payments.Contracts;

/// <summary>
/// Asks each payment's provider about payments still pending after their hold (and a grace period), instead of waiting
/// for a webhook that may never come, and applies the answer exactly as the webhook would have. A server runs it every
/// <c>KamHub:Payments:ReconcileInterval</c>; <c>kamhub payments reconcile</c> runs it by hand.
/// </summary>
public interface IPaymentReconciliation
{
    Task<PaymentReconciliationReport> ReconcileAsync(CancellationToken ct);
}

/// <param name="Payments">One line per payment asked about, in the order asked.</param>
public sealed record PaymentReconciliationReport(DateTimeOffset At, IReadOnlyList<ReconciledPayment> Payments);

/// <param name="ProviderStatus">What the provider said, in its own words (succeeded, canceled, requires_payment_method...).</param>
/// <param name="Outcome">One of <see cref="ReconciliationOutcomes"/>.</param>
/// <param name="Detail">One sentence for a person reading the log or the command's output.</param>
public sealed record ReconciledPayment(Guid PaymentId, Guid BookingId, string Provider, string ProviderStatus, string Outcome, string Detail);

/// <summary>What reconciling one payment did.</summary>
public static class ReconciliationOutcomes
{
    /// <summary>The provider had captured it: succeeded now (payment.succeeded; the booking follows).</summary>
    public const string Captured = "captured";

    /// <summary>The provider declined or cancelled it: failed now (payment.failed).</summary>
    public const string Failed = "failed";

    /// <summary>Never paid at the provider and its hold is over: failed with code expired. A later capture still counts.</summary>
    public const string Expired = "expired";

    /// <summary>The provider is still working on it (e.g. a bank transfer): left pending, asked again next run.</summary>
    public const string Processing = "processing";

    /// <summary>The provider named another amount or currency: left pending, logged, asked again next run.</summary>
    public const string AmountMismatch = "amount-mismatch";

    /// <summary>The provider could not be asked (down, timing out, refusing our credentials): left pending, asked again next run.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>Its provider is not configured in this process: left pending.</summary>
    public const string NotConfigured = "not-configured";

    /// <summary>Settled meanwhile by a webhook or another instance: nothing to do.</summary>
    public const string NoChange = "no-change";
}
