using KamHub.Core.Hosting;

namespace KamHub.Payments.Providers.YooKassa;

internal sealed class YooKassaOptions : IValidatedOptions
{
    public const string SectionName = "KamHub:Payments:YooKassa";

    /// <summary>The ranges YooKassa documents as the senders of HTTP notifications.</summary>
    public static readonly IReadOnlyList<string> DocumentedNotificationRanges =
    [
        "185.71.76.0/27", "185.71.77.0/27", "77.75.153.0/25", "77.75.156.11", "77.75.156.35", "77.75.154.128/25", "2a02:5180::/32",
    ];

    public string ShopId { get; set; } = "";

    public string SecretKey { get; set; } = "";

    public string ApiBase { get; set; } = "https://api.yookassa.ru/v3/";

    /// <summary>Where the hosted page sends the customer back when the payment request carries no return URL.</summary>
    public string ReturnUrl { get; set; } = "";

    /// <summary>CIDR ranges (or single addresses) notifications are accepted from; null means YooKassa's documented ranges.</summary>
    public string[]? NotificationAllowlist { get; set; }

    public IReadOnlyList<string> EffectiveAllowlist => NotificationAllowlist ?? DocumentedNotificationRanges;

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(ShopId)) yield return $"{SectionName}:ShopId is required.";
        if (string.IsNullOrWhiteSpace(SecretKey)) yield return $"{SectionName}:SecretKey is required.";
        if (!ValidatedOptions.IsAbsoluteHttpUrl(ApiBase)) yield return $"{SectionName}:ApiBase must be an absolute http(s) URL.";
        if (!ValidatedOptions.IsAbsoluteHttpUrl(ReturnUrl)) yield return $"{SectionName}:ReturnUrl must be an absolute http(s) URL.";
        foreach (var range in EffectiveAllowlist)
            if (!IpAllowlist.TryParseRange(range, out _)) yield return $"{SectionName}:NotificationAllowlist has an invalid range '{range}'.";
    }
}
