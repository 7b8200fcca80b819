namespace KamHub.Identity.Data;

/// <summary>
/// One issued refresh token. Only its SHA-256 is stored, so a leaked table cannot be replayed. Rotation revokes
/// the row; a revoked row presented again is a sign of theft.
/// </summary>
internal sealed class RefreshToken
{
    public const int HashLength = 64;

    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token the client holds.</summary>
    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
