using System.Globalization;
using KamHub.Payments.Providers.Http;

namespace KamHub.Payments.Providers.CloudPayments;

/// <summary>
/// CloudPayments: card data is entered on CloudPayments' side (widget or cryptogram), so starting a payment creates an
/// order (a hosted payment link) whose InvoiceId is our payment id; the Pay notification names the transaction.
/// Refunds need that transaction number, found by invoice when we only hold the order id.
/// </summary>
internal sealed class CloudPaymentsPaymentProvider(CloudPaymentsApi api, CloudPaymentsNotificationReader notifications) : IPaymentProvider, ITypedWebhooks
{
    public const string ProviderName = "cloudpayments";

    public string Name => ProviderName;

    public async Task<ProviderPaymentStart> StartAsync(ProviderPaymentRequest request, CancellationToken ct)
    {
        var order = await api.CreateOrderAsync(new CloudPaymentsCreateOrder(
            MinorUnits.ToMajor(request.AmountMinor, request.Currency),
            request.Currency.ToUpperInvariant(),
            request.Description,
            string.IsNullOrWhiteSpace(request.CustomerEmail) ? null : request.CustomerEmail,
            RequireConfirmation: false,
            SendEmail: false,
            InvoiceId: request.PaymentId.ToString(),
            AccountId: request.BookingId.ToString(),
            SuccessRedirectUrl: request.ReturnUrl,
            FailRedirectUrl: request.ReturnUrl,
            new Dictionary<string, string> { ["bookingReference"] = request.BookingReference }), request.PaymentId.ToString(), ct);
        return new ProviderPaymentStart(order.Id, order.Url, ConfirmationToken: null);
    }

    public async Task<ProviderRefundResult> RefundAsync(ProviderRefundRequest request, CancellationToken ct)
    {
        var transactionId = long.TryParse(request.ProviderPaymentId, NumberStyles.None, CultureInfo.InvariantCulture, out var known)
            ? known
            : (await api.FindPaymentAsync(request.PaymentId.ToString(), ct)).TransactionId;
        var refund = await api.RefundAsync(
            new CloudPaymentsRefundPayment(transactionId, MinorUnits.ToMajor(request.AmountMinor, request.Currency)),
            request.RefundId.ToString(), ct);
        // The API answers a refund synchronously; the Refund notification that follows confirms it.
        return new ProviderRefundResult(refund.TransactionId.ToString(CultureInfo.InvariantCulture), Completed: true);
    }

    /// <summary>payments/find by invoice (our payment id): the latest transaction for it, or "not found" when nobody paid.</summary>
    public async Task<ProviderPaymentStatus> GetStatusAsync(ProviderStatusRequest request, CancellationToken ct)
    {
        CloudPaymentsTransaction found;
        try
        {
            found = await api.FindPaymentAsync(request.PaymentId.ToString(), ct);
        }
        catch (PaymentProviderRejectedException ex) when (ex.HttpStatus == 200)
        {
            // Success=false on an answered call: no transaction for this invoice.
            return new ProviderPaymentStatus(ProviderPaymentState.Open, ex.ProviderCode ?? "not found");
        }

        var currency = found.Currency ?? request.Currency;
        return found.Status switch
        {
            "Completed" => new ProviderPaymentStatus(ProviderPaymentState.Paid, found.Status,
                found.Amount is { } major && MinorUnits.TryFromMajor(major, currency, out var minor) ? minor : null, currency,
                found.TransactionId.ToString(CultureInfo.InvariantCulture)),
            "Declined" or "Cancelled" => new ProviderPaymentStatus(ProviderPaymentState.Declined, found.Status, FailureCode: found.Reason ?? found.Status),
            _ => new ProviderPaymentStatus(ProviderPaymentState.Processing, found.Status ?? "unknown"),
        };
    }

    public bool KnowsNotificationType(string type) => CloudPaymentsNotification.TypeNamed(type) is not null;

    public Task<WebhookVerdict> ReadWebhookAsync(IncomingWebhook webhook, IWebhookPaymentLookup payments, CancellationToken ct) =>
        notifications.ReadAsync(webhook, payments, ct);
}
