namespace KamHub.Payments.Data;

/// <summary>A payment's capture state as stored and answered. Refunds are tracked beside it, not as a status.</summary>
internal static class PaymentStatus
{
    public const string Pending = "pending";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}
