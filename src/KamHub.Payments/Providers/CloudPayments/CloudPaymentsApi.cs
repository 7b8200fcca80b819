using System.Net.Http.Json;
using KamHub.Payments.Providers.Http;
using Microsoft.Extensions.Options;

namespace KamHub.Payments.Providers.CloudPayments;

/// <summary>
/// CloudPayments API: basic auth PublicId:ApiSecret, JSON bodies, always POST. Writes carry X-Request-ID (the API's
/// idempotency key, kept for an hour), which is what makes the resilience pipeline's retries of them safe.
/// </summary>
internal sealed class CloudPaymentsApi(HttpClient http, IOptions<CloudPaymentsOptions> options)
{
    public const string IdempotencyHeader = "X-Request-ID";
    private const string Provider = CloudPaymentsPaymentProvider.ProviderName;

    public Task<CloudPaymentsOrder> CreateOrderAsync(CloudPaymentsCreateOrder order, string requestId, CancellationToken ct) =>
        PostAsync<CloudPaymentsOrder>("orders/create", order, requestId, ct);

    public Task<CloudPaymentsRefundModel> RefundAsync(CloudPaymentsRefundPayment refund, string requestId, CancellationToken ct) =>
        PostAsync<CloudPaymentsRefundModel>("payments/refund", refund, requestId, ct);

    /// <summary>The latest payment transaction for an invoice (our payment id); a read, so repeating it is harmless.</summary>
    public Task<CloudPaymentsTransaction> FindPaymentAsync(string invoiceId, CancellationToken ct) =>
        PostAsync<CloudPaymentsTransaction>("payments/find", new CloudPaymentsFindPayment(invoiceId), requestId: null, ct);

    private async Task<T> PostAsync<T>(string path, object body, string? requestId, CancellationToken ct)
    {
        var settings = options.Value;
        var baseUri = new Uri(settings.ApiBase.EndsWith('/') ? settings.ApiBase : settings.ApiBase + "/");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, path))
        {
            Content = JsonContent.Create(body, body.GetType(), options: CloudPaymentsJson.Options),
        };
        request.Headers.Authorization = ProviderCalls.BasicAuth(settings.PublicId, settings.ApiSecret);
        if (requestId is null) request.MarkReadOnly();
        else request.Headers.Add(IdempotencyHeader, requestId);

        using var response = await ProviderCalls.SendAsync(http, request, Provider, ct);
        await ProviderCalls.EnsureSuccessAsync(response, Provider, _ => null, ct);
        var envelope = await response.Content.ReadFromJsonAsync<CloudPaymentsEnvelope<T>>(CloudPaymentsJson.Options, ct);
        if (envelope is not { Success: true, Model: { } model })
            throw new PaymentProviderRejectedException(Provider, $"{path}: {envelope?.Message ?? "unsuccessful"}", (int)response.StatusCode, envelope?.Message);
        return model;
    }
}
