using System.Globalization;

namespace KamHub.Notifications.BenchHost;

/// <summary>Bench:Channel picks the provider under test: smtp (e-mail), sendgrid (e-mail) or twilio (SMS); the rest stays on the file provider.</summary>
internal static class BenchSettings
{
    public static readonly string[] Providers = ["smtp", "sendgrid", "twilio"];

    public static Dictionary<string, string?> For(string provider, int smtpPort, Uri fakeHttp) => provider switch
    {
        "smtp" => new()
        {
            ["KamHub:Notifications:Channels:Email:Providers:0"] = "smtp",
            ["KamHub:Notifications:Providers:Smtp:Host"] = "127.0.0.1",
            ["KamHub:Notifications:Providers:Smtp:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
            ["KamHub:Notifications:Providers:Smtp:Security"] = "None",
            ["KamHub:Notifications:Providers:Smtp:From"] = "KamHub <noreply@kamhub.bench>",
        },
        "sendgrid" => new()
        {
            ["KamHub:Notifications:Channels:Email:Providers:0"] = "sendgrid",
            ["KamHub:Notifications:Providers:SendGrid:ApiKey"] = "SG.bench",
            ["KamHub:Notifications:Providers:SendGrid:From"] = "KamHub <noreply@kamhub.bench>",
            ["KamHub:Notifications:Providers:SendGrid:ApiBase"] = fakeHttp.ToString(),
        },
        "twilio" => new()
        {
            ["KamHub:Notifications:Channels:Sms:Providers:0"] = "twilio",
            ["KamHub:Notifications:Providers:Twilio:AccountSid"] = "ACbench",
            ["KamHub:Notifications:Providers:Twilio:AuthToken"] = "bench-token",
            ["KamHub:Notifications:Providers:Twilio:From"] = "+15005550006",
            ["KamHub:Notifications:Providers:Twilio:ApiBase"] = fakeHttp.ToString(),
        },
        _ => throw new ArgumentException($"Bench:Channel must be one of: {string.Join(", ", Providers)}.", nameof(provider)),
    };
}
