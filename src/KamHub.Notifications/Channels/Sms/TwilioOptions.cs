using KamHub.Core.Hosting;

namespace KamHub.Notifications.Channels.Sms;

/// <summary>Twilio Messages API settings (section <c>KamHub:Notifications:Providers:Twilio</c>).</summary>
internal sealed class TwilioOptions : IProviderOptions
{
    public static readonly string SectionName = ProviderSettings.Section("Twilio");

    public string? AccountSid { get; set; }

    public string? AuthToken { get; set; }

    /// <summary>Sender number in E.164; or set <see cref="MessagingServiceSid"/> instead.</summary>
    public string? From { get; set; }

    public string? MessagingServiceSid { get; set; }

    public string ApiBase { get; set; } = "https://api.twilio.com";

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(AccountSid)) yield return $"{SectionName}:AccountSid is required.";
        if (string.IsNullOrWhiteSpace(AuthToken)) yield return $"{SectionName}:AuthToken is required.";
        if (string.IsNullOrWhiteSpace(From) && string.IsNullOrWhiteSpace(MessagingServiceSid))
            yield return $"{SectionName}: set From (E.164 number) or MessagingServiceSid.";
        if (!ValidatedOptions.IsAbsoluteHttpUrl(ApiBase)) yield return $"{SectionName}:ApiBase must be an absolute http(s) URL.";
    }
}
