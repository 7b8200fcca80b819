namespace KamHub.Notifications.Data;

/// <summary>
/// The at-most-once guard: one row per (recipient, notification key). A separate, unpartitioned table because a
/// unique index of a partitioned table must contain the partition key, which would let a key repeat across months.
/// </summary>
internal sealed class DeliveryKey
{
    public string Recipient { get; set; } = "";

    public string NotificationKey { get; set; } = "";

    public Guid DeliveryId { get; set; }

    public DateTime CreatedAt { get; set; }
}
