namespace KamHub.Payments.Data;

/// <summary>requested (amount reserved, provider not yet sure) → pending (provider accepted, webhook to follow) → completed; or failed.</summary>
internal static class RefundStatus
{
    public const string Requested = "requested";
    public const string Pending = "pending";
    public const string Completed = "completed";
    public const string Failed = "failed";
}
