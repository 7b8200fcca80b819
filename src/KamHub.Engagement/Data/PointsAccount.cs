namespace KamHub.Engagement.Data;

/// <summary>
/// One row per user who ever spent points: nothing but a lock. A redemption updates its version first, so a second
/// redemption of the same user waits there and reads the balance only after the first one committed (ADR 0019).
/// </summary>
internal sealed class PointsAccount
{
    public Guid UserId { get; set; }

    public long Version { get; set; }
}
