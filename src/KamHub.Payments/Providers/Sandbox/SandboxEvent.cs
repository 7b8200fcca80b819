namespace KamHub.Payments.Providers.Sandbox;

/// <summary>The sandbox webhook body: an event id (the dedupe key), a type and the payment it is about.</summary>
internal sealed record SandboxEvent(string Id, string Type, long Created, SandboxEventData Data)
{
    public const string PaymentSucceeded = "payment.succeeded";
    public const string PaymentFailed = "payment.failed";
    public const string RefundSucceeded = "refund.succeeded";
}

/// <param name="RefundId">The sandbox's id of a refund (sbx_re_…).</param>
/// <param name="KamHubRefundId">KamHub's id of that refund, echoed back like the metadata a real provider keeps.</param>
internal sealed record SandboxEventData(Guid PaymentId, string ProviderPaymentId, long AmountMinor, string Currency, string? FailureCode = null,
    string? RefundId = null, Guid? KamHubRefundId = null);
