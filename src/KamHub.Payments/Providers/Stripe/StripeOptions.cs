using KamHub.Core.Hosting;

namespace KamHub.Payments.Providers.Stripe;

internal sealed class StripeOptions : IValidatedOptions
{
    public const string SectionName = "KamHub:Payments:Stripe";

    /// <summary>Secret API key (sk_live_… / sk_test_…).</summary>
    public string SecretKey { get; set; } = "";

    /// <summary>The webhook endpoint's signing secret (whsec_…), shown when the endpoint is registered at Stripe.</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>Stripe's API; tests point it at a fake server on loopback.</summary>
    public string ApiBase { get; set; } = "https://api.stripe.com";

    /// <summary>How old a signed webhook may be; older ones are rejected as replays.</summary>
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(SecretKey)) yield return $"{SectionName}:SecretKey is required.";
        if (string.IsNullOrWhiteSpace(WebhookSecret)) yield return $"{SectionName}:WebhookSecret is required (webhooks cannot be verified without it).";
        if (!ValidatedOptions.IsAbsoluteHttpUrl(ApiBase)) yield return $"{SectionName}:ApiBase must be an absolute http(s) URL.";
        if (WebhookTolerance <= TimeSpan.Zero || WebhookTolerance > TimeSpan.FromHours(1))
            yield return $"{SectionName}:WebhookTolerance must be between 0 and 1 hour.";
    }
}
