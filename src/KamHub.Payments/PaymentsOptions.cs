namespace KamHub.Payments;

/// <summary>KamHub:Payments settings, validated on start.</summary>
internal sealed class PaymentsOptions
{
    public const string SectionName = "KamHub:Payments";

    /// <summary>The provider new payments go to (a registered provider name: sandbox, stripe, yookassa, cloudpayments).</summary>
    public string Provider { get; set; } = "sandbox";

    /// <summary>Platform commission in percent of what the customer finally paid (captured − refunded); two decimals at most.</summary>
    public decimal CommissionPercent { get; set; } = 10;

    /// <summary>How often refunds whose provider call did not finish are tried again (same refund id: the provider's idempotency key).</summary>
    public TimeSpan RefundRetryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often payments still pending after their hold are asked at their provider (the reconciliation job).</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long after a payment's hold (its PayBy) its webhook is given before the provider is asked instead.</summary>
    public TimeSpan ReconcileAfterHold { get; set; } = TimeSpan.FromMinutes(5);

    public int CommissionBasisPoints => (int)(CommissionPercent * 100);

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Provider)) yield return "KamHub:Payments:Provider is required.";
        if (CommissionPercent is < 0 or > 100 || CommissionPercent * 100 != decimal.Truncate(CommissionPercent * 100))
            yield return "KamHub:Payments:CommissionPercent must be between 0 and 100 with at most two decimals.";
        if (RefundRetryInterval <= TimeSpan.Zero) yield return "KamHub:Payments:RefundRetryInterval must be positive.";
        if (ReconcileInterval <= TimeSpan.Zero) yield return "KamHub:Payments:ReconcileInterval must be positive.";
        if (ReconcileAfterHold < TimeSpan.Zero) yield return "KamHub:Payments:ReconcileAfterHold must not be negative.";
    }
}
