using System.Net;
using System.Text.Json;
using KamHub.Payments.Providers.Http;

namespace KamHub.Payments.Providers.YooKassa;

/// <summary>
/// YooKassa does not sign notifications. Trust comes from two checks: the sender is in the allowlist, and the object is
/// fetched again from the API with our credentials. Only the fetched status counts; the notification's own claim is
/// just a hint of what to fetch.
/// </summary>
internal sealed class YooKassaNotificationReader(YooKassaApi api, IpAllowlist allowlist)
{
    public async Task<WebhookVerdict> ReadAsync(IncomingWebhook webhook, CancellationToken ct)
    {
        if (!allowlist.Allows(webhook.RemoteAddress))
            return WebhookVerdict.Reject(HttpStatusCode.Forbidden, $"sender {webhook.RemoteAddress} is not in the YooKassa allowlist");

        YooKassaNotification? notification;
        try
        {
            notification = JsonSerializer.Deserialize<YooKassaNotification>(webhook.Body, YooKassaJson.Options);
        }
        catch (JsonException)
        {
            return WebhookVerdict.Reject(HttpStatusCode.BadRequest, "body is not a YooKassa notification");
        }
        if (notification?.Event is not { } eventName || notification.Object.ValueKind != JsonValueKind.Object
            || !notification.Object.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String
            || idElement.GetString() is not { Length: > 0 } objectId)
            return WebhookVerdict.Reject(HttpStatusCode.BadRequest, "notification lacks an event or a string object id");

        try
        {
            if (eventName.StartsWith("payment.", StringComparison.Ordinal))
                return FromPayment(await api.GetPaymentAsync(objectId, ct));
            if (eventName.StartsWith("refund.", StringComparison.Ordinal))
                return FromRefund(await api.GetRefundAsync(objectId, ct));
            return Accepted(WebhookEventKind.Ignored, $"{eventName}:{objectId}");
        }
        catch (PaymentProviderRejectedException ex) when (ex.HttpStatus == 404)
        {
            return WebhookVerdict.Reject(HttpStatusCode.BadRequest, $"YooKassa does not know {eventName} object {objectId}");
        }
        catch (PaymentProviderException ex)
        {
            // Could not confirm now: 503, so YooKassa delivers again (it retries for 24 h). The request was fine.
            return WebhookVerdict.Unavailable($"YooKassa could not be asked about {eventName} object {objectId} just now ({ex.Message}); deliver the notification again.");
        }
    }

    private static WebhookVerdict FromPayment(YooKassaPayment payment)
    {
        var kind = payment.Status switch
        {
            "succeeded" => WebhookEventKind.Succeeded,
            "canceled" => WebhookEventKind.Failed,
            // pending / waiting_for_capture: whatever the notification claimed, nothing has happened yet.
            _ => WebhookEventKind.Ignored,
        };
        var (amount, currency) = Money(payment.Amount);
        return Accepted(kind, $"payment:{payment.Id}:{payment.Status}") with
        {
            PaymentId = YooKassaMetadata.GuidOf(payment.Metadata, YooKassaMetadata.PaymentId),
            ProviderPaymentId = payment.Id,
            AmountMinor = amount,
            Currency = currency,
            FailureCode = kind == WebhookEventKind.Failed ? payment.CancellationDetails?.Reason ?? "canceled" : null,
        };
    }

    private static WebhookVerdict FromRefund(YooKassaRefund refund)
    {
        var (amount, currency) = Money(refund.Amount);
        return Accepted(refund.Status == "succeeded" ? WebhookEventKind.Refunded : WebhookEventKind.Ignored, $"refund:{refund.Id}:{refund.Status}") with
        {
            PaymentId = YooKassaMetadata.GuidOf(refund.Metadata, YooKassaMetadata.PaymentId),
            ProviderPaymentId = refund.PaymentId,
            ProviderRefundId = refund.Id,
            RefundId = YooKassaMetadata.GuidOf(refund.Metadata, YooKassaMetadata.RefundId),
            AmountMinor = amount,
            Currency = currency,
        };
    }

    private static (long? Amount, string? Currency) Money(YooKassaAmount? amount) =>
        amount is not null && MinorUnits.TryParseMajor(amount.Value, amount.Currency, out var minor) ? (minor, amount.Currency) : (null, amount?.Currency);

    private static WebhookVerdict Accepted(WebhookEventKind kind, string eventId) =>
        new(true, 200, null, kind, eventId, null, null, null, null, null, null, null);
}
