using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KamHub.Notifications.Channels.Http;
using Microsoft.Extensions.Options;

namespace KamHub.Notifications.Channels.Push;

/// <summary>FCM HTTP v1 <c>POST /v1/projects/{id}/messages:send</c> with a service-account OAuth bearer token.</summary>
internal sealed class FcmPushProvider(IHttpClientFactory clients, IOptionsMonitor<FcmOptions> options, FcmAccessTokens tokens) : IChannelProvider
{
    /// <summary>FCM error codes about the message or the token: retrying or another provider cannot help.</summary>
    private static readonly HashSet<string> PermanentErrors = ["INVALID_ARGUMENT", "UNREGISTERED", "SENDER_ID_MISMATCH"];

    private readonly Lazy<string> _projectId = new(() => options.CurrentValue.ProjectId ?? FcmServiceAccount.Load(options.CurrentValue).ProjectId!);

    public string Name => ChannelProviderCatalog.Fcm;

    public NotificationChannel Channel => NotificationChannel.Push;

    public async Task<string> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var accessToken = await tokens.GetAsync(Name, ct);
        var path = $"/v1/projects/{Uri.EscapeDataString(_projectId.Value)}/messages:send";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(options.CurrentValue.ApiBase), path))
        {
            Content = JsonContent.Create(Body(message)),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);

        using var response = await ProviderHttp.SendAsync(clients.CreateClient(ProviderHttpClients.Name(Name)), request, Name, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (response.IsSuccessStatusCode)
            return ProviderHttp.TryParseJson(body)?["name"]?.GetValue<string>() ?? throw new ChannelProviderException(Name, "accepted without a message name", transient: true);
        throw Error(response.StatusCode, body);
    }

    private static JsonObject Body(OutgoingMessage message)
    {
        var fcm = new JsonObject
        {
            ["token"] = message.Recipient,
            ["notification"] = new JsonObject { ["title"] = message.Subject, ["body"] = message.TextBody },
        };
        if (message.Data is { Count: > 0 } data) fcm["data"] = new JsonObject(data.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        return new JsonObject { ["message"] = fcm };
    }

    /// <summary>FCM errors: <c>{"error":{"code":404,"message":"…","status":"NOT_FOUND","details":[{"@type":"…FcmError","errorCode":"UNREGISTERED"}]}}</c>.</summary>
    private ChannelProviderException Error(HttpStatusCode status, string body)
    {
        var error = ProviderHttp.TryParseJson(body)?["error"];
        if (error is null) return ProviderHttp.Failure(Name, status, ProviderHttp.Shorten(body));

        var code = error["details"]?.AsArray().Select(d => d?["errorCode"]?.GetValue<string>()).FirstOrDefault(c => c is not null)
                   ?? error["status"]?.GetValue<string>();
        var transient = code is null ? ProviderHttp.IsTransient(status) : !PermanentErrors.Contains(code);
        // UNREGISTERED (HTTP 404): the app was uninstalled or the token expired; the token will never work again. A bare 404
        // without it (a wrong project id) is our configuration, not the device's.
        var gone = code == "UNREGISTERED";
        return new ChannelProviderException(Name, $"HTTP {(int)status}: {code}: {error["message"]?.GetValue<string>()}", transient && !gone, recipientGone: gone);
    }
}
