using KamHub.Core.Hosting;

namespace KamHub.Notifications.Channels.Email;

/// <summary>SendGrid v3 mail send settings (section <c>KamHub:Notifications:Providers:SendGrid</c>).</summary>
internal sealed class SendGridOptions : IProviderOptions
{
    public static readonly string SectionName = ProviderSettings.Section("SendGrid");

    public string? ApiKey { get; set; }

    /// <summary>Sender, e.g. <c>KamHub &lt;noreply@kamhub.ru&gt;</c>; must be a verified sender in SendGrid.</summary>
    public string? From { get; set; }

    public string ApiBase { get; set; } = "https://api.sendgrid.com";

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(ApiKey)) yield return $"{SectionName}:ApiKey is required.";
        if (EmailMessages.ParseAddress(From) is null) yield return $"{SectionName}:From must be an e-mail address.";
        if (!ValidatedOptions.IsAbsoluteHttpUrl(ApiBase)) yield return $"{SectionName}:ApiBase must be an absolute http(s) URL.";
    }
}
