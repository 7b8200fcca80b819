namespace KamHub.Identity.Data;

/// <summary>
/// One failed sign-in, counted against one throttle key (an account or a client address). Kept in the database
/// so every instance of a cluster counts the same failures; rows older than the window are deleted on write.
/// </summary>
internal sealed class LoginFailure
{
    public const int KeyHashLength = 64;

    public Guid Id { get; set; }

    /// <summary>SHA-256 (hex) of the key: fixed length whatever a client sends, and no emails or addresses at rest.</summary>
    public required string KeyHash { get; set; }

    /// <summary>UTC. DateTime rather than DateTimeOffset because SQLite can compare and order it in SQL.</summary>
    public DateTime FailedAt { get; set; }
}
