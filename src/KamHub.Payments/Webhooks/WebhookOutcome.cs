namespace KamHub.Payments.Webhooks;

/// <summary>What an accepted webhook did; stored on its receipt and answered to callers that ask for JSON.</summary>
internal static class WebhookOutcome
{
    public const string Transitioned = "transitioned";
    public const string NoChange = "no-change";
    public const string Duplicate = "duplicate";
    public const string UnknownPayment = "unknown-payment";
    public const string AmountMismatch = "amount-mismatch";

    /// <summary>A refund notification that may be one of ours still awaiting the provider's answer: answered 503, delivered again.</summary>
    public const string RefundUnidentified = "refund-unidentified";
}
