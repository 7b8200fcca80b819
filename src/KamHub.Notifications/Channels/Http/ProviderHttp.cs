using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace KamHub.Notifications.Channels.Http;

/// <summary>Sends a provider request through its resilient client and turns transport failures into transient provider errors.</summary>
internal static class ProviderHttp
{
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, string provider, CancellationToken ct)
    {
        try
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        }
        catch (BrokenCircuitException ex)
        {
            throw new ChannelProviderException(provider, "circuit open (recent calls failed), skipped", transient: true, ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new ChannelProviderException(provider, $"timed out after {ex.Timeout.TotalSeconds:0.###} s", transient: true, ex);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new ChannelProviderException(provider, "timed out", transient: true, ex);
        }
        catch (HttpRequestException ex)
        {
            var what = ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused } ? "connection refused" : "connection failed";
            throw new ChannelProviderException(provider, $"{what}: {ex.Message}", transient: true, ex);
        }
    }

    /// <summary>
    /// The default reading of a status: 408, 429 and 5xx are the provider's trouble (fail over, retry later); 401 and 403 mean
    /// our credentials or account are wrong, which another provider does not share; other 4xx reject the message itself.
    /// </summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
        || (int)status >= 500;

    public static ChannelProviderException Failure(string provider, HttpStatusCode status, string detail, bool? transient = null) =>
        new(provider, $"HTTP {(int)status}: {detail}", transient ?? IsTransient(status));

    /// <summary>Provider error bodies can be long HTML pages from a proxy; keep the start.</summary>
    public static string Shorten(string text) => text.Length <= 300 ? text.Trim() : string.Concat(text.AsSpan(0, 300).Trim(), "…");

    /// <summary>Provider bodies are JSON when things go as documented, and HTML or plain text when a proxy answers instead.</summary>
    public static JsonNode? TryParseJson(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
