using KamHub.Payments.Providers.Http;
using global::Stripe;

namespace KamHub.Payments.Providers.Stripe;

/// <summary>
/// Stripe through Stripe.net: a PaymentIntent per KamHub payment (the client confirms it with the client secret),
/// refunds against the PaymentIntent, and signed webhooks. Our ids are the idempotency keys, so a repeated start or
/// refund returns the first answer instead of charging twice.
/// </summary>
internal sealed class StripePaymentProvider(IStripeClient stripe, StripeWebhookReader webhooks) : IPaymentProvider
{
    public const string ProviderName = "stripe";

    public string Name => ProviderName;

    public async Task<ProviderPaymentStart> StartAsync(ProviderPaymentRequest request, CancellationToken ct)
    {
        var options = new PaymentIntentCreateOptions
        {
            Amount = request.AmountMinor,
            Currency = request.Currency.ToLowerInvariant(),
            Description = request.Description,
            ReceiptEmail = string.IsNullOrWhiteSpace(request.CustomerEmail) ? null : request.CustomerEmail,
            AutomaticPaymentMethods = new PaymentIntentAutomaticPaymentMethodsOptions { Enabled = true },
            Metadata = new Dictionary<string, string>
            {
                [StripeMetadata.PaymentId] = request.PaymentId.ToString(),
                [StripeMetadata.BookingId] = request.BookingId.ToString(),
                [StripeMetadata.BookingReference] = request.BookingReference,
            },
        };
        var intent = await StripeErrors.CallAsync(
            () => new PaymentIntentService(stripe).CreateAsync(options, new RequestOptions { IdempotencyKey = request.PaymentId.ToString() }, ct), ct);
        // PaymentIntents have no hosted page: the browser confirms with Stripe.js using the client secret.
        return new ProviderPaymentStart(intent.Id, RedirectUrl: null, ConfirmationToken: intent.ClientSecret);
    }

    public async Task<ProviderRefundResult> RefundAsync(ProviderRefundRequest request, CancellationToken ct)
    {
        var options = new RefundCreateOptions
        {
            PaymentIntent = request.ProviderPaymentId,
            Amount = request.AmountMinor,
            Metadata = new Dictionary<string, string>
            {
                [StripeMetadata.RefundId] = request.RefundId.ToString(),
                [StripeMetadata.PaymentId] = request.PaymentId.ToString(),
            },
        };
        var refund = await StripeErrors.CallAsync(
            () => new RefundService(stripe).CreateAsync(options, new RequestOptions { IdempotencyKey = request.RefundId.ToString() }, ct), ct);
        return refund.Status switch
        {
            "succeeded" => new ProviderRefundResult(refund.Id, Completed: true),
            "failed" or "canceled" => throw new PaymentProviderRejectedException(ProviderName, $"refund {refund.Id} {refund.Status}", providerCode: refund.FailureReason),
            // pending / requires_action: refund.updated follows.
            _ => new ProviderRefundResult(refund.Id, Completed: false),
        };
    }

    public Task<WebhookVerdict> ReadWebhookAsync(IncomingWebhook webhook, IWebhookPaymentLookup payments, CancellationToken ct) =>
        Task.FromResult(webhooks.Read(webhook));

    public async Task<ProviderPaymentStatus> GetStatusAsync(ProviderStatusRequest request, CancellationToken ct)
    {
        if (request.ProviderPaymentId is not { Length: > 0 } id) return new ProviderPaymentStatus(ProviderPaymentState.Open, "not created");
        PaymentIntent intent;
        try
        {
            intent = await StripeErrors.CallAsync(() => new PaymentIntentService(stripe).GetAsync(id, cancellationToken: ct), ct);
        }
        catch (PaymentProviderRejectedException ex) when (ex.HttpStatus == 404)
        {
            return new ProviderPaymentStatus(ProviderPaymentState.Open, "unknown at Stripe");
        }

        return StripeIntentStatus.Of(intent);
    }
}

/// <summary>Metadata keys KamHub writes on Stripe objects and reads back from webhooks.</summary>
internal static class StripeMetadata
{
    public const string PaymentId = "payment_id";
    public const string BookingId = "booking_id";
    public const string BookingReference = "booking_reference";
    public const string RefundId = "refund_id";
}
