using System.Net;
using System.Text;
using global::Stripe;
using Microsoft.Extensions.Options;

namespace KamHub.Payments.Providers.Stripe;

/// <summary>
/// Verifies the Stripe-Signature header (HMAC-SHA256 over "timestamp.body" with the endpoint secret, timestamp within
/// the tolerance measured on our clock) through Stripe.net, then maps the event to a verdict.
/// </summary>
internal sealed class StripeWebhookReader(IOptions<StripeOptions> options, TimeProvider clock)
{
    public WebhookVerdict Read(IncomingWebhook webhook)
    {
        var signature = webhook.Header("Stripe-Signature");
        if (string.IsNullOrWhiteSpace(signature))
            return WebhookVerdict.Reject(HttpStatusCode.Unauthorized, "missing Stripe-Signature header");

        string json;
        try
        {
            json = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(webhook.Body);
        }
        catch (DecoderFallbackException)
        {
            return WebhookVerdict.Reject(HttpStatusCode.BadRequest, "body is not UTF-8");
        }

        var settings = options.Value;
        try
        {
            EventUtility.ValidateSignature(json, signature, settings.WebhookSecret,
                (long)settings.WebhookTolerance.TotalSeconds, clock.GetUtcNow().ToUnixTimeSeconds());
        }
        catch (StripeException ex)
        {
            return WebhookVerdict.Reject(HttpStatusCode.Unauthorized, ex.Message);
        }

        // Signed is not the same as well-formed: an event must be an object with an id (the dedupe key) before Stripe.net maps it.
        if (!StripeEventShape.HasEventId(json)) return WebhookVerdict.Reject(HttpStatusCode.BadRequest, "signed body is not a Stripe event with an id");

        Event stripeEvent;
        try
        {
            // The event's API version may differ from Stripe.net's; the fields read below are stable across versions.
            stripeEvent = EventUtility.ConstructEventWithoutVerification(json, throwOnApiVersionMismatch: false);
        }
        catch (Exception ex) when (ex is StripeException or Newtonsoft.Json.JsonException or ArgumentException or FormatException or InvalidCastException
                                       or OverflowException)
        {
            return WebhookVerdict.Reject(HttpStatusCode.BadRequest, "signed body is not a Stripe event");
        }
        return StripeEventMapping.ToVerdict(stripeEvent);
    }
}
