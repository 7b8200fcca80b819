using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KamHub.Notifications.Channels.Http;
using Microsoft.Extensions.Options;

namespace KamHub.Notifications.Channels.Push;

/// <summary>APNs over HTTP/2: <c>POST /3/device/{token}</c> with a bearer provider token, apns-topic and apns-push-type.</summary>
internal sealed class ApnsPushProvider(IHttpClientFactory clients, IOptionsMonitor<ApnsOptions> options, ApnsProviderTokens tokens) : IChannelProvider
{
    /// <summary>Reasons about this notification or this device token; the rest are our credentials, topic or Apple's load.</summary>
    private static readonly HashSet<string> PermanentReasons =
    [
        "BadDeviceToken", "DeviceTokenNotForTopic", "Unregistered", "PayloadEmpty", "PayloadTooLarge", "BadCollapseId",
        "BadExpirationDate", "BadMessageId", "BadPriority", "DuplicateHeaders", "MissingDeviceToken", "BadPath",
    ];

    private static readonly HashSet<string> TokenReasons = ["ExpiredProviderToken", "InvalidProviderToken"];

    /// <summary>The device token will never work again (410 Unregistered: the app is gone; 400 BadDeviceToken: not a token of this environment).</summary>
    private static readonly HashSet<string> GoneReasons = ["Unregistered", "BadDeviceToken"];

    public string Name => ChannelProviderCatalog.Apns;

    public NotificationChannel Channel => NotificationChannel.Push;

    public async Task<string> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var jwt = tokens.Get();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(settings.ApiBase), $"/3/device/{Uri.EscapeDataString(message.Recipient)}"))
        {
            Content = JsonContent.Create(Payload(message)),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("bearer", jwt);
        request.Headers.Add("apns-topic", settings.Topic);
        request.Headers.Add("apns-push-type", settings.PushType);
        request.Headers.Add("apns-priority", settings.PushType == "background" ? "5" : "10");
        request.Headers.Add("apns-id", message.DeliveryId.ToString());

        using var response = await ProviderHttp.SendAsync(clients.CreateClient(ProviderHttpClients.Name(Name)), request, Name, ct);
        if (response.IsSuccessStatusCode)
            return response.Headers.TryGetValues("apns-id", out var ids) ? ids.First() : message.DeliveryId.ToString();

        // APNs errors: {"reason":"BadDeviceToken"} (410 Unregistered adds "timestamp").
        var body = await response.Content.ReadAsStringAsync(ct);
        var reason = ProviderHttp.TryParseJson(body)?["reason"]?.GetValue<string>();
        if (reason is null) throw ProviderHttp.Failure(Name, response.StatusCode, ProviderHttp.Shorten(body));
        if (TokenReasons.Contains(reason)) tokens.Invalidate(jwt);
        var gone = GoneReasons.Contains(reason) || response.StatusCode == HttpStatusCode.Gone;
        throw new ChannelProviderException(Name, $"HTTP {(int)response.StatusCode}: {reason}", transient: !PermanentReasons.Contains(reason) && !gone, recipientGone: gone);
    }

    private static JsonObject Payload(OutgoingMessage message)
    {
        var payload = new JsonObject
        {
            ["aps"] = new JsonObject
            {
                ["alert"] = new JsonObject { ["title"] = message.Subject, ["body"] = message.TextBody },
                ["sound"] = "default",
            },
        };
        // Custom keys sit beside "aps" in the payload.
        foreach (var (key, value) in message.Data ?? new Dictionary<string, string>())
            if (key != "aps") payload[key] = value;
        return payload;
    }
}
