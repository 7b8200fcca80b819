namespace KamHub.Core.Hosting;

/// <summary>
/// Request-volume limits (section <c>KamHub:RateLimits</c>), per instance, in memory (ASP.NET Core rate limiting).
/// Failed passwords are counted separately and cluster-wide by Identity's sign-in throttle.
/// </summary>
public sealed class RateLimitOptions : IValidatedOptions
{
    public const string SectionName = "KamHub:RateLimits";

    /// <summary>Off for tests and benchmarks that load one address far beyond any client's rate.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests without a signed-in user, per client address (search, tour pages, departures).</summary>
    public RateLimitRule Anonymous { get; set; } = new() { PermitLimit = 600, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Sign-in, sign-up and token refresh (/api/auth/*), per client address.</summary>
    public RateLimitRule SignIn { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Booking creation (POST /api/bookings), per signed-in user.</summary>
    public RateLimitRule Bookings { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Payment provider notifications (/api/payments/webhooks/*), per sending address.</summary>
    public RateLimitRule Webhooks { get; set; } = new() { PermitLimit = 1200, Window = TimeSpan.FromMinutes(1) };

    public IEnumerable<string> Validate()
    {
        foreach (var (name, rule) in new[] { ("Anonymous", Anonymous), ("SignIn", SignIn), ("Bookings", Bookings), ("Webhooks", Webhooks) })
        {
            if (rule.PermitLimit < 1 || rule.Window <= TimeSpan.Zero) yield return $"{SectionName}:{name}: PermitLimit and Window must be positive.";
        }
    }
}

/// <summary>At most <see cref="PermitLimit"/> requests per <see cref="Window"/> (a fixed window) per partition.</summary>
public sealed class RateLimitRule
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }
}

/// <summary>Names of the rate-limit policies endpoints opt into with <c>RequireRateLimiting</c>.</summary>
public static class RateLimitPolicies
{
    public const string SignIn = "sign-in";
    public const string Bookings = "bookings";
}
