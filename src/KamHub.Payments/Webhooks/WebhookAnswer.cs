namespace KamHub.Payments.Webhooks;

/// <summary>What KamHub did with a notification (a provider that wants its own reply format gets that instead).</summary>
internal sealed record WebhookAnswer(string Outcome);
