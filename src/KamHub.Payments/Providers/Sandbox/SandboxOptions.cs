using KamHub.Core.Hosting;

namespace KamHub.Payments.Providers.Sandbox;

/// <summary>KamHub:Payments:Sandbox: the local fake provider (development and tests; never real money).</summary>
internal sealed class SandboxOptions : IValidatedOptions
{
    public const string SectionName = "KamHub:Payments:Sandbox";

    /// <summary>Off removes the provider and its pages (production with a real provider).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where the "provider side" posts its webhooks; default this server's own address + /api/payments/webhooks/sandbox.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>
    /// HMAC-SHA256 key (any text, 16+ characters). Empty: derived from the token signing key (KamHub:Jwt:SigningKey, or
    /// the one generated in the data directory), so it is stable across restarts and shared by instances that share that key.
    /// </summary>
    public string? WebhookSecret { get; set; }

    /// <summary>How old a signed timestamp may be (either way) before the webhook counts as stale or replayed.</summary>
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Deliveries tried per pay/decline while KamHub answers 5xx or cannot be reached.</summary>
    public int WebhookAttempts { get; set; } = 4;

    /// <summary>Prefix of the hosted page URL handed to clients; empty gives a path relative to this server.</summary>
    public string? PageBaseUrl { get; set; }

    public IEnumerable<string> Validate()
    {
        if (WebhookUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _)) yield return "KamHub:Payments:Sandbox:WebhookUrl must be an absolute URL.";
        if (WebhookSecret is { Length: > 0 and < 16 }) yield return "KamHub:Payments:Sandbox:WebhookSecret must be at least 16 characters.";
        if (WebhookTolerance <= TimeSpan.Zero) yield return "KamHub:Payments:Sandbox:WebhookTolerance must be positive.";
        if (WebhookAttempts is < 1 or > 20) yield return "KamHub:Payments:Sandbox:WebhookAttempts must be between 1 and 20.";
    }
}
