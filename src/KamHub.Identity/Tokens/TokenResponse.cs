namespace KamHub.Identity.Tokens;

/// <summary>What login and refresh answer. expiresAt is the access token's expiry.</summary>
internal sealed record TokenResponse(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt);
