namespace KamHub.Core.Security;

/// <summary>Token settings (section <c>KamHub:Jwt</c>). Without a SigningKey, one is generated into the data directory.</summary>
public sealed class JwtOptions
{
    public const string SectionName = "KamHub:Jwt";

    public string Issuer { get; set; } = "kamhub";
    public string Audience { get; set; } = "kamhub";

    /// <summary>Base64 of at least 32 random bytes. Every instance of a cluster must share it.</summary>
    public string? SigningKey { get; set; }

    public int AccessTokenMinutes { get; set; } = 15;
    public int RefreshTokenDays { get; set; } = 30;
}
