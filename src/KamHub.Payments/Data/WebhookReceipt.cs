namespace KamHub.Payments.Data;

/// <summary>
/// One accepted provider notification. The unique (provider, provider event id) key is the dedupe: a second copy of
/// the same event, concurrent or late, cannot insert and therefore changes nothing.
/// </summary>
internal sealed class WebhookReceipt
{
    public const int EventIdMaxLength = 200;

    public Guid Id { get; set; }
    public string Provider { get; set; } = "";
    public string ProviderEventId { get; set; } = "";
    public string Kind { get; set; } = "";
    public Guid? PaymentId { get; set; }

    /// <summary>What it did: transitioned, no-change (already in that state), or unknown-payment.</summary>
    public string Outcome { get; set; } = "";

    public DateTime ReceivedAt { get; set; }
}
