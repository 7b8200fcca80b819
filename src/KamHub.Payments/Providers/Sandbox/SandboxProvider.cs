using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace KamHub.Payments.Providers.Sandbox;

/// <summary>
/// The local provider: a hosted page instead of a card form, refunds that complete at once, and webhooks signed like a
/// real provider's (see <see cref="SandboxSignature"/>) which KamHub verifies exactly as it would Stripe's.
/// </summary>
internal sealed class SandboxProvider(SandboxSignature signature, IOptions<SandboxOptions> options, SandboxPresses presses) : IPaymentProvider, IInProcessPaymentStart
{
    public const string ProviderName = "sandbox";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => ProviderName;

    public Task<ProviderPaymentStart> StartAsync(ProviderPaymentRequest request, CancellationToken ct) => Task.FromResult(Start(request));

    public ProviderPaymentStart Start(ProviderPaymentRequest request) =>
        new(ProviderPaymentId(request.PaymentId), $"{options.Value.PageBaseUrl?.TrimEnd('/')}/pay/sandbox/{request.PaymentId}", null);

    public Task<ProviderRefundResult> RefundAsync(ProviderRefundRequest request, CancellationToken ct) =>
        Task.FromResult(new ProviderRefundResult($"sbx_re_{request.RefundId:N}", Completed: true));

    public Task<WebhookVerdict> ReadWebhookAsync(IncomingWebhook webhook, IWebhookPaymentLookup payments, CancellationToken ct)
    {
        if (signature.Check(webhook.Header(SandboxSignature.Header), webhook.Body, webhook.ReceivedAt, options.Value.WebhookTolerance) is { } problem)
            return Task.FromResult(WebhookVerdict.Reject(problem is "stale" or "malformed-signature" ? HttpStatusCode.BadRequest : HttpStatusCode.Unauthorized, problem));

        SandboxEvent? sent;
        try
        {
            sent = JsonSerializer.Deserialize<SandboxEvent>(webhook.Body, Json);
        }
        catch (JsonException)
        {
            sent = null;
        }

        if (sent is not { Id.Length: > 0, Data: not null }) return Task.FromResult(WebhookVerdict.Reject(HttpStatusCode.BadRequest, "malformed-body"));
        var kind = sent.Type switch
        {
            SandboxEvent.PaymentSucceeded => WebhookEventKind.Succeeded,
            SandboxEvent.PaymentFailed => WebhookEventKind.Failed,
            SandboxEvent.RefundSucceeded => WebhookEventKind.Refunded,
            _ => WebhookEventKind.Ignored,
        };
        var data = sent.Data;
        return Task.FromResult(new WebhookVerdict(true, 200, null, kind, sent.Id, data.PaymentId, data.ProviderPaymentId, data.AmountMinor, data.Currency,
            data.FailureCode, data.RefundId, null, data.KamHubRefundId));
    }

    /// <summary>The sandbox's provider side is its pay page: what was pressed there, whether or not KamHub heard of it.</summary>
    public Task<ProviderPaymentStatus> GetStatusAsync(ProviderStatusRequest request, CancellationToken ct) => Task.FromResult(presses.Pressed(request.PaymentId) switch
    {
        SandboxEvent.PaymentSucceeded => new ProviderPaymentStatus(ProviderPaymentState.Paid, "paid", request.AmountMinor, request.Currency, ProviderPaymentId(request.PaymentId)),
        SandboxEvent.PaymentFailed => new ProviderPaymentStatus(ProviderPaymentState.Declined, "declined", FailureCode: "card_declined"),
        _ => new ProviderPaymentStatus(ProviderPaymentState.Open, "not paid"),
    });

    public static string ProviderPaymentId(Guid paymentId) => $"sbx_{paymentId:N}";
}
