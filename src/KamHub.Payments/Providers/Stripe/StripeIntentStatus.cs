using global::Stripe;

namespace KamHub.Payments.Providers.Stripe;

/// <summary>Where a PaymentIntent stands, in KamHub's terms (the same reading the payment_intent.* webhooks get).</summary>
internal static class StripeIntentStatus
{
    public static ProviderPaymentStatus Of(PaymentIntent intent) => intent.Status switch
    {
        "succeeded" => new ProviderPaymentStatus(ProviderPaymentState.Paid, intent.Status, intent.AmountReceived, intent.Currency?.ToUpperInvariant(), intent.Id),
        "canceled" => new ProviderPaymentStatus(ProviderPaymentState.Declined, intent.Status, FailureCode: intent.CancellationReason ?? "canceled"),
        // A declined attempt leaves the intent waiting for another card: past the hold, that is a decline.
        "requires_payment_method" when intent.LastPaymentError is { } error =>
            new ProviderPaymentStatus(ProviderPaymentState.Declined, intent.Status, FailureCode: error.DeclineCode ?? error.Code ?? "payment_failed"),
        "processing" or "requires_capture" => new ProviderPaymentStatus(ProviderPaymentState.Processing, intent.Status),
        _ => new ProviderPaymentStatus(ProviderPaymentState.Open, intent.Status ?? "unknown"),
    };
}
