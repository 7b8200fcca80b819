using KamHub.Core.Hosting;

namespace KamHub.Notifications.Channels.Sms;

/// <summary>SMS.ru settings (section <c>KamHub:Notifications:Providers:SmsRu</c>).</summary>
internal sealed class SmsRuOptions : IProviderOptions
{
    public static readonly string SectionName = ProviderSettings.Section("SmsRu");

    public string? ApiId { get; set; }

    /// <summary>Approved sender name; the account's default when empty.</summary>
    public string? From { get; set; }

    /// <summary>SMS.ru's test mode: validated and answered, not delivered, not charged.</summary>
    public bool Test { get; set; }

    public string ApiBase { get; set; } = "https://sms.ru";

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(ApiId)) yield return $"{SectionName}:ApiId is required.";
        if (!ValidatedOptions.IsAbsoluteHttpUrl(ApiBase)) yield return $"{SectionName}:ApiBase must be an absolute http(s) URL.";
    }
}
