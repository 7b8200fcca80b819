using KamHub.Core.Hosting;

namespace KamHub.Notifications.Channels.Push;

/// <summary>Apple Push Notification service settings, token-based auth (section <c>KamHub:Notifications:Providers:Apns</c>).</summary>
internal sealed class ApnsOptions : IProviderOptions
{
    public static readonly string SectionName = ProviderSettings.Section("Apns");

    /// <summary>The 10-character id of the .p8 signing key.</summary>
    public string? KeyId { get; set; }

    public string? TeamId { get; set; }

    /// <summary>Path to the AuthKey_XXXX.p8 file; or its PEM text in <see cref="PrivateKey"/>.</summary>
    public string? PrivateKeyFile { get; set; }

    public string? PrivateKey { get; set; }

    /// <summary>The app's bundle id, sent as apns-topic.</summary>
    public string? Topic { get; set; }

    /// <summary>https://api.push.apple.com, or https://api.sandbox.push.apple.com for development builds.</summary>
    public string ApiBase { get; set; } = "https://api.push.apple.com";

    public string PushType { get; set; } = "alert";

    /// <summary>Apple accepts a provider token for an hour and refuses refreshing it more than every 20 minutes.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(50);

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(KeyId)) yield return $"{SectionName}:KeyId is required.";
        if (string.IsNullOrWhiteSpace(TeamId)) yield return $"{SectionName}:TeamId is required.";
        if (string.IsNullOrWhiteSpace(Topic)) yield return $"{SectionName}:Topic (the bundle id) is required.";
        if (!ValidatedOptions.IsAbsoluteHttpUrl(ApiBase)) yield return $"{SectionName}:ApiBase must be an absolute http(s) URL.";
        if (TokenLifetime < TimeSpan.FromMinutes(20) || TokenLifetime > TimeSpan.FromMinutes(60))
            yield return $"{SectionName}:TokenLifetime must be between 20 and 60 minutes.";
        if (string.IsNullOrWhiteSpace(PrivateKeyFile) == string.IsNullOrWhiteSpace(PrivateKey))
        {
            yield return $"{SectionName}: set exactly one of PrivateKeyFile and PrivateKey.";
            yield break;
        }

        string? problem = null;
        try
        {
            using var key = ApnsProviderTokens.LoadKey(this);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            problem = $"{SectionName}: the signing key cannot be read as an EC private key: {ex.Message}";
        }

        if (problem is not null) yield return problem;
    }
}
