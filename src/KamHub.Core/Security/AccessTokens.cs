using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KamHub.Core.Security;

/// <summary>Issues and validates KamHub access tokens (HS256 JWTs).</summary>
public sealed class AccessTokens(SigningKeyProvider key, IOptions<JwtOptions> options, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public (string Token, DateTimeOffset ExpiresAt) Issue(Guid userId, string email, IEnumerable<string> roles, Guid? operatorId)
    {
        var now = clock.GetUtcNow();
        var expires = now.AddMinutes(options.Value.AccessTokenMinutes);
        var claims = new Dictionary<string, object>
        {
            [KamHubClaims.UserId] = userId.ToString(),
            [KamHubClaims.Email] = email,
            [KamHubClaims.Role] = roles.ToArray(),
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
        };
        if (operatorId is { } op) claims[KamHubClaims.OperatorId] = op.ToString();

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }

    /// <summary>
    /// What JwtBearer checks on every request: our issuer, audience and HS256 key, and a lifetime measured on the
    /// injected <see cref="TimeProvider"/> with 30 s of skew (JwtBearer's default would accept tokens 5 min past expiry).
    /// </summary>
    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = options.Value.Issuer,
        ValidAudience = options.Value.Audience,
        IssuerSigningKey = key.Key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.FromSeconds(30),
        LifetimeValidator = (notBefore, expires, _, p) =>
            expires is { } e && e.ToUniversalTime() + p.ClockSkew > clock.GetUtcNow().UtcDateTime &&
            (notBefore is null || notBefore.Value.ToUniversalTime() - p.ClockSkew <= clock.GetUtcNow().UtcDateTime),
        NameClaimType = KamHubClaims.Email,
        RoleClaimType = KamHubClaims.Role,
    };
}
