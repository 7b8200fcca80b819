using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using KamHub.Notifications.Channels.Http;
using Microsoft.Extensions.Options;

namespace KamHub.Notifications.Channels.Sms;

/// <summary>Twilio's <c>POST /2010-04-01/Accounts/{Sid}/Messages.json</c>: basic auth (AccountSid:AuthToken), form-encoded, 201 with the message sid.</summary>
internal sealed class TwilioSmsProvider(IHttpClientFactory clients, IOptionsMonitor<TwilioOptions> options) : IChannelProvider
{
    public string Name => ChannelProviderCatalog.Twilio;

    public NotificationChannel Channel => NotificationChannel.Sms;

    public async Task<string> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var form = new List<KeyValuePair<string, string>> { new("To", message.Recipient), new("Body", message.TextBody) };
        form.Add(string.IsNullOrWhiteSpace(settings.MessagingServiceSid)
            ? new("From", settings.From!)
            : new("MessagingServiceSid", settings.MessagingServiceSid));

        var path = $"/2010-04-01/Accounts/{Uri.EscapeDataString(settings.AccountSid!)}/Messages.json";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(settings.ApiBase), path)) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.AccountSid}:{settings.AuthToken}")));

        using var response = await ProviderHttp.SendAsync(clients.CreateClient(ProviderHttpClients.Name(Name)), request, Name, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (response.IsSuccessStatusCode)
        {
            return ProviderHttp.TryParseJson(body)?["sid"]?.GetValue<string>()
                   ?? throw new ChannelProviderException(Name, "accepted without a message sid", transient: true);
        }

        // Twilio errors: {"code":21211,"message":"The 'To' number … is not a valid phone number.","status":400,"more_info":"…"}
        var error = ProviderHttp.TryParseJson(body);
        var detail = error?["code"] is { } code ? $"Twilio error {code}: {error["message"]}" : ProviderHttp.Shorten(body);
        throw ProviderHttp.Failure(Name, response.StatusCode, detail);
    }
}
