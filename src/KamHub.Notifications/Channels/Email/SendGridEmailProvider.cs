using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using KamHub.Notifications.Channels.Http;
using Microsoft.Extensions.Options;

namespace KamHub.Notifications.Channels.Email;

/// <summary>SendGrid's v3 <c>POST /v3/mail/send</c>: bearer API key, JSON body, 202 with the id in <c>X-Message-Id</c>.</summary>
internal sealed class SendGridEmailProvider(IHttpClientFactory clients, IOptionsMonitor<SendGridOptions> options) : IChannelProvider
{
    public string Name => ChannelProviderCatalog.SendGrid;

    public NotificationChannel Channel => NotificationChannel.Email;

    public async Task<string> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var from = EmailMessages.ParseAddress(settings.From)!;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(settings.ApiBase), "/v3/mail/send"))
        {
            Content = JsonContent.Create(Body(message, from.Address, from.Name)),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);

        using var response = await ProviderHttp.SendAsync(clients.CreateClient(ProviderHttpClients.Name(Name)), request, Name, ct);
        if (response.IsSuccessStatusCode)
            return response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.First() : message.DeliveryId.ToString();

        throw ProviderHttp.Failure(Name, response.StatusCode, ErrorText(await response.Content.ReadAsStringAsync(ct)));
    }

    private static JsonObject Body(OutgoingMessage message, string fromAddress, string? fromName)
    {
        var to = new JsonObject { ["email"] = message.Recipient };
        if (!string.IsNullOrWhiteSpace(message.RecipientName)) to["name"] = message.RecipientName;
        var from = new JsonObject { ["email"] = fromAddress };
        if (!string.IsNullOrWhiteSpace(fromName)) from["name"] = fromName;

        // text/plain must come first; SendGrid rejects other orders.
        var content = new JsonArray { new JsonObject { ["type"] = "text/plain", ["value"] = message.TextBody } };
        if (!string.IsNullOrEmpty(message.HtmlBody)) content.Add(new JsonObject { ["type"] = "text/html", ["value"] = message.HtmlBody });

        return new JsonObject
        {
            ["personalizations"] = new JsonArray
            {
                new JsonObject
                {
                    ["to"] = new JsonArray { to },
                    ["custom_args"] = new JsonObject { ["delivery_id"] = message.DeliveryId.ToString() },
                },
            },
            ["from"] = from,
            ["subject"] = message.Subject ?? string.Empty,
            ["content"] = content,
        };
    }

    /// <summary>SendGrid errors: <c>{"errors":[{"message":"…","field":"…"}]}</c>.</summary>
    private static string ErrorText(string body)
    {
        try
        {
            var errors = JsonNode.Parse(body)?["errors"]?.AsArray();
            if (errors is { Count: > 0 })
            {
                return string.Join("; ", errors.Select(e =>
                    e?["field"]?.GetValue<string>() is { } field ? $"{field}: {e["message"]?.GetValue<string>()}" : e?["message"]?.GetValue<string>()));
            }
        }
        catch (JsonException)
        {
        }

        return ProviderHttp.Shorten(body);
    }
}
