using KamHub.Core.Errors;
using KamHub.Identity.Data;
using KamHub.Identity.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KamHub.Identity.Refresh;

internal static class RefreshEndpoint
{
    private const string Rejected = "The refresh token is invalid, expired or already used. Sign in again.";

    public static RouteGroupBuilder MapRefresh(this RouteGroupBuilder group)
    {
        group.MapPost("/refresh", HandleAsync)
            .WithName("RefreshTokens")
            .WithSummary("Exchanges a refresh token for a new pair; the old refresh token stops working.")
            .AllowAnonymous()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return group;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> HandleAsync(
        RefreshRequest request, IdentityDbContext db, TokenIssuer tokens, TimeProvider clock, ILoggerFactory loggers, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(request.RefreshToken)) return Problems.Unauthorized(Rejected);

        var hash = RefreshTokenHash.Of(request.RefreshToken);
        var stored = await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (stored is null) return Problems.Unauthorized(Rejected);

        var now = clock.GetUtcNow();
        if (stored.RevokedAt is not null)
        {
            // A rotated token came back: whoever holds it copied it. Revoke the user's whole chain so the thief's
            // copy dies too; the real user signs in again.
            await RevokeAllAsync(db, stored.UserId, now, ct);
            loggers.CreateLogger(typeof(RefreshEndpoint)).LogWarning("Reuse of a rotated refresh token for user {UserId}; revoked all", stored.UserId);
            return Problems.Unauthorized(Rejected);
        }

        if (stored.ExpiresAt <= now) return Problems.Unauthorized(Rejected);

        // Conditional update: of two concurrent refreshes with the same token, only one wins.
        var revoked = await db.RefreshTokens
            .Where(t => t.Id == stored.Id && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
        if (revoked == 0) return Problems.Unauthorized(Rejected);

        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == stored.UserId, ct);
        if (user is null) return Problems.Unauthorized(Rejected);
        return TypedResults.Ok(await tokens.IssueAsync(user, ct));
    }

    private static Task<int> RevokeAllAsync(IdentityDbContext db, Guid userId, DateTimeOffset now, CancellationToken ct) =>
        db.RefreshTokens
            .Where(t => t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
}
