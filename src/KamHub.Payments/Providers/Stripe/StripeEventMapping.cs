using global::Stripe;

namespace KamHub.Payments.Providers.Stripe;

/// <summary>
/// Which Stripe events move a KamHub payment. Refund events carry the refund's own id and amount (never the charge's
/// running total), so the module can apply each refund once however many of charge.refunded / refund.* arrive for it.
/// </summary>
internal static class StripeEventMapping
{
    public static WebhookVerdict ToVerdict(Event e) => (e.Type, e.Data?.Object) switch
    {
        (EventTypes.PaymentIntentSucceeded, PaymentIntent pi) => Payment(e, pi, WebhookEventKind.Succeeded, pi.AmountReceived > 0 ? pi.AmountReceived : pi.Amount, null),
        (EventTypes.PaymentIntentPaymentFailed, PaymentIntent pi) => Payment(e, pi, WebhookEventKind.Failed, pi.Amount,
            pi.LastPaymentError?.DeclineCode ?? pi.LastPaymentError?.Code ?? "payment_failed"),
        (EventTypes.RefundCreated or EventTypes.RefundUpdated, Refund refund) when refund.Status == "succeeded" => Refunded(e, refund),
        (EventTypes.ChargeRefunded, Charge charge) when LatestRefund(charge) is { Status: "succeeded" } refund => Refunded(e, refund, charge),
        _ => Accepted(e, WebhookEventKind.Ignored),
    };

    private static WebhookVerdict Payment(Event e, PaymentIntent pi, WebhookEventKind kind, long amount, string? failureCode) =>
        Accepted(e, kind) with
        {
            PaymentId = PaymentIdOf(pi.Metadata),
            ProviderPaymentId = pi.Id,
            AmountMinor = amount,
            Currency = pi.Currency?.ToUpperInvariant(),
            FailureCode = failureCode,
        };

    private static WebhookVerdict Refunded(Event e, Refund refund, Charge? charge = null) =>
        Accepted(e, WebhookEventKind.Refunded) with
        {
            PaymentId = PaymentIdOf(refund.Metadata) ?? PaymentIdOf(charge?.Metadata),
            ProviderPaymentId = refund.PaymentIntentId ?? charge?.PaymentIntentId,
            ProviderRefundId = refund.Id,
            RefundId = GuidOf(refund.Metadata, StripeMetadata.RefundId),
            AmountMinor = refund.Amount,
            Currency = refund.Currency?.ToUpperInvariant(),
        };

    /// <summary>charge.refunded fires per refund; the newest refund on the charge is the one it announces.</summary>
    private static Refund? LatestRefund(Charge charge) =>
        charge.Refunds?.Data?.OrderByDescending(r => r.Created).FirstOrDefault();

    private static WebhookVerdict Accepted(Event e, WebhookEventKind kind) =>
        new(true, 200, null, kind, e.Id, null, null, null, null, null, null, null);

    private static Guid? PaymentIdOf(IDictionary<string, string>? metadata) => GuidOf(metadata, StripeMetadata.PaymentId);

    private static Guid? GuidOf(IDictionary<string, string>? metadata, string key) =>
        metadata is not null && metadata.TryGetValue(key, out var raw) && Guid.TryParse(raw, out var id) ? id : null;
}
