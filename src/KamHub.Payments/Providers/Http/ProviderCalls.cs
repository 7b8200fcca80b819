using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace KamHub.Payments.Providers.Http;

/// <summary>Turns what an HTTP call to a provider can throw into the two outcomes callers act on.</summary>
internal static class ProviderCalls
{
    /// <summary>HTTP basic credentials, as YooKassa (shopId:secretKey) and CloudPayments (PublicId:ApiSecret) expect them.</summary>
    public static AuthenticationHeaderValue BasicAuth(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, string provider, CancellationToken ct)
    {
        try
        {
            return await http.SendAsync(request, ct);
        }
        catch (Exception ex) when (IsTransportFailure(ex, ct))
        {
            throw Unavailable(provider, ex);
        }
    }

    /// <summary>Throws for a non-success answer: 5xx/408/429 transient, other 4xx a rejection carrying the body's error.</summary>
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, string provider, Func<string, string?> errorCodeOf, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(ct);
        var status = (int)response.StatusCode;
        if (IsTransientStatus(response.StatusCode))
            throw new PaymentProviderUnavailableException(provider, $"HTTP {status}", status);
        var code = SafeErrorCode(errorCodeOf, body);
        throw new PaymentProviderRejectedException(provider, $"HTTP {status}{(code is null ? "" : $" ({code})")}", status, code);
    }

    public static bool IsTransientStatus(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    /// <summary>Network errors, timeouts and an open circuit; not the caller's own cancellation.</summary>
    public static bool IsTransportFailure(Exception ex, CancellationToken ct) =>
        ex is HttpRequestException or BrokenCircuitException or TimeoutRejectedException
        || (ex is OperationCanceledException && !ct.IsCancellationRequested);

    public static PaymentProviderUnavailableException Unavailable(string provider, Exception ex) => ex switch
    {
        BrokenCircuitException => new(provider, "circuit open after repeated failures", inner: ex),
        TimeoutRejectedException or OperationCanceledException => new(provider, "timed out", inner: ex),
        _ => new(provider, $"unreachable: {ex.Message}", inner: ex),
    };

    private static string? SafeErrorCode(Func<string, string?> errorCodeOf, string body)
    {
        try
        {
            return errorCodeOf(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
