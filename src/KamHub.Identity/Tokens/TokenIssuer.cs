using KamHub.Core.Security;
using KamHub.Identity.Data;
using Microsoft.Extensions.Options;

namespace KamHub.Identity.Tokens;

/// <summary>Issues an access token and a fresh refresh token (stored hashed) for a signed-in user.</summary>
internal sealed class TokenIssuer(IdentityDbContext db, AccessTokens accessTokens, IOptions<JwtOptions> jwt, TimeProvider clock)
{
    /// <summary>Adds the refresh token to the context and saves, together with anything else the caller changed.</summary>
    public async Task<TokenResponse> IssueAsync(User user, CancellationToken ct)
    {
        var (access, expiresAt) = accessTokens.Issue(user.Id, user.Email, [user.Role], user.OperatorId);
        var refresh = RefreshTokenHash.NewToken();
        var now = clock.GetUtcNow();
        db.RefreshTokens.Add(new RefreshToken
        {
            Id = Guid.CreateVersion7(),
            UserId = user.Id,
            TokenHash = RefreshTokenHash.Of(refresh),
            CreatedAt = now,
            ExpiresAt = now.AddDays(jwt.Value.RefreshTokenDays),
        });
        await db.SaveChangesAsync(ct);
        return new TokenResponse(access, refresh, expiresAt);
    }
}
