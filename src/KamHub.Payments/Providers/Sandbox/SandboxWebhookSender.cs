using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KamHub.Payments.Providers.Sandbox;

/// <param name="Status">KamHub's last HTTP status, or null when it could not be reached.</param>
/// <param name="Outcome">What KamHub said the webhook did (transitioned, no-change, duplicate...), when it said.</param>
internal sealed record SandboxDelivery(int? Status, string? Outcome)
{
    public bool Accepted => Status is >= 200 and < 300;
}

/// <summary>
/// The "provider side" of the sandbox: posts a signed event to KamHub's webhook endpoint over HTTP, like a real
/// provider, through the named client <see cref="ClientName"/> (tests route it into their test server), and tries
/// again while KamHub answers 5xx or cannot be reached. Each attempt is signed afresh, as providers do.
/// </summary>
internal sealed class SandboxWebhookSender(IHttpClientFactory clients, SandboxSignature signature, IOptions<SandboxOptions> options, IServer server,
    TimeProvider clock, ILogger<SandboxWebhookSender> logger)
{
    public const string ClientName = "kamhub-sandbox-webhooks";
    public const string WebhookPath = "/api/payments/webhooks/sandbox";

    /// <returns>KamHub's last status code (null when it could not be reached at all) and what its answer said it did.</returns>
    public async Task<SandboxDelivery> SendAsync(SandboxEvent sent, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(sent, SandboxProvider.Json);
        var client = clients.CreateClient(ClientName);
        int? status = null;
        for (var attempt = 1; attempt <= options.Value.WebhookAttempts; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Target()) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation(SandboxSignature.Header, signature.Sign(body, clock.GetUtcNow()));
            try
            {
                using var response = await client.SendAsync(request, ct);
                status = (int)response.StatusCode;
                if (status < 500) return new SandboxDelivery(status, await OutcomeAsync(response, ct));
            }
            catch (HttpRequestException ex)
            {
                logger.LogWarning(ex, "Sandbox webhook {EventId}: attempt {Attempt} could not reach {Target}", sent.Id, attempt, request.RequestUri);
            }

            if (attempt < options.Value.WebhookAttempts) await Task.Delay(TimeSpan.FromMilliseconds(100 << attempt), ct);
        }

        logger.LogWarning("Sandbox webhook {EventId} was not accepted after {Attempts} attempts (last status {Status})", sent.Id, options.Value.WebhookAttempts, status);
        return new SandboxDelivery(status, null);
    }

    /// <summary>The webhook endpoint answers {"outcome": "transitioned" | "no-change" | ...}; anything else has none.</summary>
    private static async Task<string?> OutcomeAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode) return null;
        try
        {
            using var answer = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(ct));
            return answer.RootElement.ValueKind == JsonValueKind.Object && answer.RootElement.TryGetProperty("outcome", out var outcome)
                && outcome.ValueKind == JsonValueKind.String ? outcome.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private Uri Target()
    {
        if (options.Value.WebhookUrl is { Length: > 0 } configured) return new Uri(configured);
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost";
        // Listening on every interface ("http://+:5000", "http://[::]:5000"): call ourselves on loopback.
        var local = address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal);
        return new Uri(new Uri(local.TrimEnd('/') + "/"), WebhookPath.TrimStart('/'));
    }
}
