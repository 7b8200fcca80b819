using System.Net;

namespace KamHub.Payments.Providers;

/// <summary>
/// One payment provider (sandbox, stripe, yookassa, cloudpayments) behind one shape. The Payments module owns the
/// payment records, state and ledger; a provider only talks to the outside world: it starts a payment, refunds
/// money, and turns an incoming webhook into a verified notification (or a rejection) without touching the database.
/// Registered as a keyed service under <see cref="Name"/>.
/// </summary>
internal interface IPaymentProvider
{
    /// <summary>Lower-case name used in configuration, in the webhook URL (/api/payments/webhooks/{name}) and in events.</summary>
    string Name { get; }

    /// <summary>Creates the payment at the provider. Must be safe to call again with the same <see cref="ProviderPaymentRequest.PaymentId"/> (use it as the idempotency key).</summary>
    Task<ProviderPaymentStart> StartAsync(ProviderPaymentRequest request, CancellationToken ct);

    /// <summary>Refunds part or all of a captured payment. Idempotent per <see cref="ProviderRefundRequest.RefundId"/>.</summary>
    Task<ProviderRefundResult> RefundAsync(ProviderRefundRequest request, CancellationToken ct);

    /// <summary>
    /// Verifies an incoming webhook (signature, timestamp tolerance, IP allowlist, re-fetch — whatever the provider's
    /// documented trust model is) and translates it. Never throws for a bad request: answers <see cref="WebhookVerdict.Reject"/>.
    /// </summary>
    Task<WebhookVerdict> ReadWebhookAsync(IncomingWebhook webhook, IWebhookPaymentLookup payments, CancellationToken ct);

    /// <summary>
    /// Asks the provider's status API where a payment stands (reconciliation of payments whose webhook never came). A read:
    /// changes nothing at the provider. Throws <see cref="Http.PaymentProviderException"/> when the provider cannot answer.
    /// </summary>
    Task<ProviderPaymentStatus> GetStatusAsync(ProviderStatusRequest request, CancellationToken ct);
}

/// <param name="ProviderPaymentId">Null when the start call never stored the provider's answer.</param>
internal sealed record ProviderStatusRequest(Guid PaymentId, string? ProviderPaymentId, long AmountMinor, string Currency);

internal enum ProviderPaymentState
{
    /// <summary>The money was captured.</summary>
    Paid,

    /// <summary>Declined, cancelled or otherwise finished without money.</summary>
    Declined,

    /// <summary>Waiting for the customer (or unknown to the provider): nobody has paid.</summary>
    Open,

    /// <summary>The provider is still deciding (a bank transfer, an authorisation awaiting capture).</summary>
    Processing,
}

/// <param name="ProviderStatus">The provider's own word for it, for people reading the report.</param>
/// <param name="AmountMinor">What was captured, when <see cref="ProviderPaymentState.Paid"/>; null when unreadable (then refused).</param>
internal sealed record ProviderPaymentStatus(ProviderPaymentState State, string ProviderStatus, long? AmountMinor = null, string? Currency = null,
    string? ProviderPaymentId = null, string? FailureCode = null);

/// <param name="PaymentId">KamHub's payment id: idempotency key at the provider and the id echoed back in webhooks (metadata / order id).</param>
/// <param name="ReturnUrl">Where a hosted page sends the customer afterwards (the booking page).</param>
internal sealed record ProviderPaymentRequest(
    Guid PaymentId,
    Guid BookingId,
    string BookingReference,
    long AmountMinor,
    string Currency,
    string CustomerEmail,
    string Description,
    DateTimeOffset PayBy,
    string? ReturnUrl);

/// <param name="ProviderPaymentId">The provider's id for the payment (PaymentIntent id, YooKassa payment id, CloudPayments invoice id).</param>
internal sealed record ProviderPaymentStart(string ProviderPaymentId, string? RedirectUrl, string? ConfirmationToken);

internal sealed record ProviderRefundRequest(Guid RefundId, Guid PaymentId, string ProviderPaymentId, long AmountMinor, string Currency);

/// <param name="Completed">True when the provider reports the refund done; false when it is pending and a webhook will follow.</param>
internal sealed record ProviderRefundResult(string ProviderRefundId, bool Completed);

/// <summary>The raw request as it arrived: body bytes exactly (signatures cover them), headers, and the peer address.</summary>
/// <param name="NotificationType">The last URL segment for providers that post each notification type to its own URL
/// (CloudPayments: /api/payments/webhooks/cloudpayments/pay); null on the provider's plain URL.</param>
internal sealed record IncomingWebhook(byte[] Body, IReadOnlyDictionary<string, string> Headers, IPAddress? RemoteAddress, DateTimeOffset ReceivedAt,
    string? NotificationType = null)
{
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}

/// <summary>A provider whose notifications arrive at one URL per type; the others answer 404 to a typed URL.</summary>
internal interface ITypedWebhooks
{
    /// <summary>True for a type this provider posts (case-insensitive).</summary>
    bool KnowsNotificationType(string type);
}

/// <summary>What a provider may ask the module while verifying a webhook (e.g. CloudPayments Check: is this payment still payable?).</summary>
internal interface IWebhookPaymentLookup
{
    /// <summary>KamHub's view of a payment named by a webhook, or null when there is none.</summary>
    Task<WebhookPaymentState?> FindAsync(Guid paymentId, CancellationToken ct);
}

/// <param name="Payable">False when the hold ran out or the booking is no longer waiting for this payment.</param>
internal sealed record WebhookPaymentState(Guid PaymentId, string ProviderPaymentId, long AmountMinor, string Currency, string Status, bool Payable);

internal enum WebhookEventKind
{
    /// <summary>Money captured.</summary>
    Succeeded,

    /// <summary>Declined / cancelled at the provider.</summary>
    Failed,

    /// <summary>A refund completed.</summary>
    Refunded,

    /// <summary>A pre-check (CloudPayments Check) that changes nothing; the provider's own answer is in the verdict's response.</summary>
    Check,

    /// <summary>A verified notification KamHub does not act on (answered 200 so the provider stops retrying).</summary>
    Ignored,
}

/// <summary>The outcome of reading a webhook.</summary>
/// <param name="Accepted">False: reject with <see cref="StatusCode"/> (4xx, or 503 when it cannot be verified now) and change nothing.</param>
/// <param name="ProviderEventId">Unique per provider notification: the dedupe key (same event many times → one transition).</param>
/// <param name="ResponseBody">JSON the provider expects back (CloudPayments {"code":0}); null for an empty 200.</param>
/// <param name="RefundId">KamHub's refund id when the provider echoes it back (metadata we sent with the refund): the one
/// sure way to tell apart refunds of the same payment and amount, even before the provider's refund id is stored.</param>
internal sealed record WebhookVerdict(
    bool Accepted,
    int StatusCode,
    string? RejectReason,
    WebhookEventKind Kind,
    string? ProviderEventId,
    Guid? PaymentId,
    string? ProviderPaymentId,
    long? AmountMinor,
    string? Currency,
    string? FailureCode,
    string? ProviderRefundId,
    string? ResponseBody,
    Guid? RefundId = null)
{
    public static WebhookVerdict Reject(HttpStatusCode status, string reason) =>
        new(false, (int)status, reason, WebhookEventKind.Ignored, null, null, null, null, null, null, null, null);

    /// <summary>
    /// Nothing wrong with the notification, but it cannot be verified now (the provider's API, asked to confirm it, failed):
    /// answered 503 with Retry-After, so the provider delivers it again. <paramref name="reason"/> is what KamHub could not do.
    /// </summary>
    public static WebhookVerdict Unavailable(string reason) => Reject(HttpStatusCode.ServiceUnavailable, reason);

    public bool IsUnavailable => !Accepted && StatusCode == (int)HttpStatusCode.ServiceUnavailable;
}
