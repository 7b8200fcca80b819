using System.Net;
using System.Text.Json.Nodes;
using KamHub.Notifications.Channels.Http;
using Microsoft.Extensions.Options;

namespace KamHub.Notifications.Channels.Sms;

/// <summary>
/// SMS.ru's <c>POST /sms/send</c> with <c>json=1</c>: api_id, to, msg form fields. It answers HTTP 200 even for errors; the
/// verdict is in status/status_code, for the request as a whole and per number.
/// </summary>
internal sealed class SmsRuSmsProvider(IHttpClientFactory clients, IOptionsMonitor<SmsRuOptions> options) : IChannelProvider
{
    /// <summary>Per-number codes about the message or the recipient (bad number, empty or too long text, no route, stop list, bad time).</summary>
    private static readonly HashSet<int> PermanentCodes = [202, 203, 205, 207, 208, 209];

    public string Name => ChannelProviderCatalog.SmsRu;

    public NotificationChannel Channel => NotificationChannel.Sms;

    public async Task<string> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var to = message.Recipient.TrimStart('+');
        var form = new List<KeyValuePair<string, string>> { new("api_id", settings.ApiId!), new("to", to), new("msg", message.TextBody), new("json", "1") };
        if (!string.IsNullOrWhiteSpace(settings.From)) form.Add(new("from", settings.From));
        if (settings.Test) form.Add(new("test", "1"));

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(settings.ApiBase), "/sms/send")) { Content = new FormUrlEncodedContent(form) };
        using var response = await ProviderHttp.SendAsync(clients.CreateClient(ProviderHttpClients.Name(Name)), request, Name, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw ProviderHttp.Failure(Name, response.StatusCode, ProviderHttp.Shorten(body));

        var answer = ProviderHttp.TryParseJson(body) ?? throw new ChannelProviderException(Name, $"unreadable answer: {ProviderHttp.Shorten(body)}", transient: true);
        // A request-level error (bad api_id, no money, service down) is the account's or the provider's trouble: fail over.
        if (!IsOk(answer)) throw Error(answer, permanentAllowed: false);

        var perNumber = answer["sms"]?[to] ?? answer["sms"]?.AsObject().FirstOrDefault().Value;
        if (perNumber is null) throw new ChannelProviderException(Name, "answer names no recipient", transient: true);
        if (!IsOk(perNumber)) throw Error(perNumber, permanentAllowed: true);
        return perNumber["sms_id"]?.GetValue<string>() ?? throw new ChannelProviderException(Name, "accepted without an sms_id", transient: true);
    }

    private static bool IsOk(JsonNode node) => string.Equals(node["status"]?.GetValue<string>(), "OK", StringComparison.OrdinalIgnoreCase);

    private ChannelProviderException Error(JsonNode node, bool permanentAllowed)
    {
        var code = node["status_code"]?.GetValue<int>() ?? 0;
        var text = node["status_text"]?.GetValue<string>() ?? "no status_text";
        return new ChannelProviderException(Name, $"SMS.ru {code}: {text}", transient: !(permanentAllowed && PermanentCodes.Contains(code)));
    }
}
