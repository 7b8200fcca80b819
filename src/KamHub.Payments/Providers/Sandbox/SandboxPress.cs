namespace KamHub.Payments.Providers.Sandbox;

/// <summary>The answer to pressing pay or decline with Accept: application/json (a browser is sent back to the page instead).</summary>
/// <param name="Outcome">paid or declined.</param>
/// <param name="Status">The payment's status after KamHub took the sandbox's webhook.</param>
/// <param name="WebhookStatus">The HTTP status KamHub answered the webhook with.</param>
internal sealed record SandboxPress(Guid PaymentId, string Outcome, string Status, int? WebhookStatus);
