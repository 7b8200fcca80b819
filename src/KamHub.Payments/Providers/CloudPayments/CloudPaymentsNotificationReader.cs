using System.Net;
using KamHub.Payments.Providers.Http;
using Microsoft.Extensions.Options;

namespace KamHub.Payments.Providers.CloudPayments;

/// <summary>
/// Verifies a notification's HMAC, then answers it: Check is asked of KamHub's own view of the payment (code 20 once
/// the hold ran out), Pay and Fail move the payment, Refund confirms a refund. Every accepted answer carries the
/// {"code":…} body CloudPayments expects.
/// </summary>
internal sealed class CloudPaymentsNotificationReader(IOptions<CloudPaymentsOptions> options)
{
    public async Task<WebhookVerdict> ReadAsync(IncomingWebhook webhook, IWebhookPaymentLookup payments, CancellationToken ct)
    {
        if (!CloudPaymentsSignature.HasAny(webhook))
            return WebhookVerdict.Reject(HttpStatusCode.Unauthorized, "missing Content-HMAC header");
        if (!CloudPaymentsSignature.IsValid(webhook, options.Value.ApiSecret))
            return WebhookVerdict.Reject(HttpStatusCode.Unauthorized, "Content-HMAC does not match the body");

        var n = CloudPaymentsNotification.Parse(webhook.Body, webhook.Header("Content-Type"));
        if (n is null) return WebhookVerdict.Reject(HttpStatusCode.BadRequest, "body is neither form fields nor a JSON object");
        var transactionId = n["TransactionId"];
        var paymentId = Guid.TryParse(n["InvoiceId"], out var id) ? id : (Guid?)null;
        var type = webhook.NotificationType is { } named && CloudPaymentsNotification.TypeNamed(named) is { } explicitType ? explicitType : n.InferredType;
        if (transactionId is null && type != CloudPaymentsNotificationType.Other)
            return WebhookVerdict.Reject(HttpStatusCode.BadRequest, "notification lacks TransactionId");

        var known = paymentId is { } pid ? await payments.FindAsync(pid, ct) : null;
        var currency = n["Currency"] ?? known?.Currency;
        long? amount = currency is not null && MinorUnits.TryParseMajor(n["Amount"], currency, out var minor) ? minor : null;
        var eventId = $"{type.ToString().ToLowerInvariant()}:{transactionId}";

        return type switch
        {
            CloudPaymentsNotificationType.Check => Answer(WebhookEventKind.Check, eventId, CheckCode(known, amount, currency)) with
            {
                PaymentId = paymentId, ProviderPaymentId = transactionId, AmountMinor = amount, Currency = currency,
            },
            // "Authorized" is a two-stage hold, not captured money; KamHub creates single-stage orders, so it should not occur.
            CloudPaymentsNotificationType.Pay when n["Status"] != "Completed" => Answer(WebhookEventKind.Ignored, eventId),
            CloudPaymentsNotificationType.Pay => Answer(WebhookEventKind.Succeeded, eventId) with
            {
                PaymentId = paymentId, ProviderPaymentId = transactionId, AmountMinor = amount, Currency = currency,
            },
            CloudPaymentsNotificationType.Fail => Answer(WebhookEventKind.Failed, eventId) with
            {
                PaymentId = paymentId, ProviderPaymentId = transactionId, AmountMinor = amount, Currency = currency,
                FailureCode = n["Reason"] ?? n["ReasonCode"],
            },
            CloudPaymentsNotificationType.Refund => Answer(WebhookEventKind.Refunded, eventId) with
            {
                PaymentId = paymentId, ProviderPaymentId = n["PaymentTransactionId"], ProviderRefundId = transactionId,
                AmountMinor = amount, Currency = currency,
            },
            _ => Answer(WebhookEventKind.Ignored, eventId),
        };
    }

    /// <summary>Whether CloudPayments may take the money: the invoice must be ours, for this amount, and still awaited.</summary>
    private static int CheckCode(WebhookPaymentState? known, long? amount, string? currency)
    {
        if (known is null) return CloudPaymentsCheckCode.InvalidInvoice;
        if (amount != known.AmountMinor || !string.Equals(currency, known.Currency, StringComparison.OrdinalIgnoreCase))
            return CloudPaymentsCheckCode.InvalidAmount;
        return known.Payable ? CloudPaymentsCheckCode.Ok : CloudPaymentsCheckCode.Overdue;
    }

    private static WebhookVerdict Answer(WebhookEventKind kind, string eventId, int code = CloudPaymentsCheckCode.Ok) =>
        new(true, 200, null, kind, eventId, null, null, null, null, null, null, CloudPaymentsJson.Code(code));
}
