
namespace KamHub.Notifications.Channels.Outbox;

/// <summary>The dev provider's settings (section <c>KamHub:Notifications:Providers:File</c>).</summary>
internal sealed class FileOutboxOptions : IProviderOptions
{
    public static readonly string SectionName = ProviderSettings.Section("File");

    /// <summary>Where messages land, one folder per channel (email/, sms/, push/); &lt;data dir&gt;/outbox when empty.</summary>
    public string? Directory { get; set; }

    /// <summary>The sender written into .eml files.</summary>
    public string From { get; set; } = "KamHub <noreply@kamhub.local>";

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Directory)) yield return $"{SectionName}:Directory is required.";
        if (Email.EmailMessages.ParseAddress(From) is null) yield return $"{SectionName}:From must be an e-mail address.";
    }
}
