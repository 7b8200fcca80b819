using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KamHub.Payments.Providers.Http;
using Microsoft.Extensions.Options;

namespace KamHub.Payments.Providers.YooKassa;

/// <summary>
/// YooKassa API v3 over HTTP: basic auth shopId:secretKey; every POST carries an Idempotence-Key (YooKassa keeps
/// the first answer for 24 h), which is what makes the resilience pipeline's retries of those POSTs safe.
/// </summary>
internal sealed class YooKassaApi(HttpClient http, IOptions<YooKassaOptions> options)
{
    public const string IdempotenceHeader = "Idempotence-Key";
    private const string Provider = YooKassaPaymentProvider.ProviderName;

    public Task<YooKassaPayment> CreatePaymentAsync(YooKassaCreatePayment payment, string idempotenceKey, CancellationToken ct) =>
        SendAsync<YooKassaPayment>(HttpMethod.Post, "payments", payment, idempotenceKey, ct);

    public Task<YooKassaRefund> CreateRefundAsync(YooKassaCreateRefund refund, string idempotenceKey, CancellationToken ct) =>
        SendAsync<YooKassaRefund>(HttpMethod.Post, "refunds", refund, idempotenceKey, ct);

    public Task<YooKassaPayment> GetPaymentAsync(string id, CancellationToken ct) =>
        SendAsync<YooKassaPayment>(HttpMethod.Get, $"payments/{Uri.EscapeDataString(id)}", null, null, ct);

    public Task<YooKassaRefund> GetRefundAsync(string id, CancellationToken ct) =>
        SendAsync<YooKassaRefund>(HttpMethod.Get, $"refunds/{Uri.EscapeDataString(id)}", null, null, ct);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, string? idempotenceKey, CancellationToken ct)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(method, new Uri(new Uri(EnsureSlash(settings.ApiBase)), path));
        request.Headers.Authorization = ProviderCalls.BasicAuth(settings.ShopId, settings.SecretKey);
        if (idempotenceKey is not null) request.Headers.Add(IdempotenceHeader, idempotenceKey);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: YooKassaJson.Options);

        using var response = await ProviderCalls.SendAsync(http, request, Provider, ct);
        // 202: YooKassa has not finished with this key yet; it asks to repeat later with the same key.
        if (response.StatusCode == HttpStatusCode.Accepted)
            throw new PaymentProviderUnavailableException(Provider, "still processing (HTTP 202), repeat with the same key", 202);
        await ProviderCalls.EnsureSuccessAsync(response, Provider, YooKassaJson.ErrorCode, ct);
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(YooKassaJson.Options, ct)
                ?? throw new PaymentProviderUnavailableException(Provider, $"empty answer to {method} {path}", (int)response.StatusCode);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            // A maintenance page or a proxy's HTML with a 2xx status: YooKassa did not really answer.
            throw new PaymentProviderUnavailableException(Provider, $"unreadable answer to {method} {path}", (int)response.StatusCode, ex);
        }
    }

    private static string EnsureSlash(string url) => url.EndsWith('/') ? url : url + "/";
}
