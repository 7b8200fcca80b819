namespace KamHub.Payments.Admin;

/// <summary>The provider notifications accepted for a booking's payments, oldest first.</summary>
internal sealed record WebhookReceiptList(IReadOnlyList<WebhookReceiptDto> Items);

/// <param name="Outcome">transitioned, no-change or unknown-payment.</param>
internal sealed record WebhookReceiptDto(Guid Id, string Provider, string ProviderEventId, string Kind, Guid? PaymentId, string Outcome, DateTimeOffset ReceivedAt);
