using KamHub.Payments.Providers.Http;
using Microsoft.Extensions.Options;

namespace KamHub.Payments.Providers.YooKassa;

/// <summary>
/// YooKassa: a payment with a redirect confirmation (the customer pays on YooKassa's page and returns to the booking),
/// refunds by payment id, and notifications trusted only after the sender's address and a re-fetch of the object.
/// </summary>
internal sealed class YooKassaPaymentProvider(YooKassaApi api, YooKassaNotificationReader notifications, IOptions<YooKassaOptions> options)
    : IPaymentProvider
{
    public const string ProviderName = "yookassa";
    private const int MaxDescriptionLength = 128;

    public string Name => ProviderName;

    public async Task<ProviderPaymentStart> StartAsync(ProviderPaymentRequest request, CancellationToken ct)
    {
        var description = request.Description.Length > MaxDescriptionLength ? request.Description[..MaxDescriptionLength] : request.Description;
        var payment = await api.CreatePaymentAsync(new YooKassaCreatePayment(
            new YooKassaAmount(MinorUnits.ToMajorString(request.AmountMinor, request.Currency), request.Currency.ToUpperInvariant()),
            Capture: true,
            new YooKassaConfirmationRequest("redirect", request.ReturnUrl ?? options.Value.ReturnUrl),
            description,
            new Dictionary<string, string>
            {
                [YooKassaMetadata.PaymentId] = request.PaymentId.ToString(),
                [YooKassaMetadata.BookingId] = request.BookingId.ToString(),
                [YooKassaMetadata.BookingReference] = request.BookingReference,
            }), request.PaymentId.ToString(), ct);
        return new ProviderPaymentStart(payment.Id, payment.Confirmation?.ConfirmationUrl, payment.Confirmation?.ConfirmationToken);
    }

    public async Task<ProviderRefundResult> RefundAsync(ProviderRefundRequest request, CancellationToken ct)
    {
        var refund = await api.CreateRefundAsync(new YooKassaCreateRefund(
            request.ProviderPaymentId,
            new YooKassaAmount(MinorUnits.ToMajorString(request.AmountMinor, request.Currency), request.Currency.ToUpperInvariant()),
            Description: null,
            new Dictionary<string, string>
            {
                [YooKassaMetadata.RefundId] = request.RefundId.ToString(),
                [YooKassaMetadata.PaymentId] = request.PaymentId.ToString(),
            }), request.RefundId.ToString(), ct);
        return refund.Status switch
        {
            "succeeded" => new ProviderRefundResult(refund.Id, Completed: true),
            "canceled" => throw new PaymentProviderRejectedException(ProviderName, $"refund {refund.Id} canceled", providerCode: refund.CancellationDetails?.Reason),
            _ => new ProviderRefundResult(refund.Id, Completed: false),
        };
    }

    public Task<WebhookVerdict> ReadWebhookAsync(IncomingWebhook webhook, IWebhookPaymentLookup payments, CancellationToken ct) =>
        notifications.ReadAsync(webhook, ct);

    public async Task<ProviderPaymentStatus> GetStatusAsync(ProviderStatusRequest request, CancellationToken ct)
    {
        if (request.ProviderPaymentId is not { Length: > 0 } id) return new ProviderPaymentStatus(ProviderPaymentState.Open, "not created");
        YooKassaPayment payment;
        try
        {
            payment = await api.GetPaymentAsync(id, ct);
        }
        catch (PaymentProviderRejectedException ex) when (ex.HttpStatus == 404)
        {
            return new ProviderPaymentStatus(ProviderPaymentState.Open, "unknown at YooKassa");
        }

        return payment.Status switch
        {
            "succeeded" => new ProviderPaymentStatus(ProviderPaymentState.Paid, payment.Status,
                payment.Amount is { } amount && MinorUnits.TryParseMajor(amount.Value, amount.Currency, out var minor) ? minor : null, payment.Amount?.Currency, payment.Id),
            "canceled" => new ProviderPaymentStatus(ProviderPaymentState.Declined, payment.Status, FailureCode: payment.CancellationDetails?.Reason ?? "canceled"),
            "waiting_for_capture" => new ProviderPaymentStatus(ProviderPaymentState.Processing, payment.Status),
            _ => new ProviderPaymentStatus(ProviderPaymentState.Open, payment.Status),
        };
    }
}

internal static class YooKassaMetadata
{
    public const string PaymentId = "payment_id";
    public const string BookingId = "booking_id";
    public const string BookingReference = "booking_reference";
    public const string RefundId = "refund_id";

    public static Guid? GuidOf(Dictionary<string, string>? metadata, string key) =>
        metadata is not null && metadata.TryGetValue(key, out var raw) && Guid.TryParse(raw, out var id) ? id : null;
}
