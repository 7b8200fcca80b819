using KamHub.Core.Hosting;

namespace KamHub.Notifications.Channels.Push;

/// <summary>Firebase Cloud Messaging HTTP v1 settings (section <c>KamHub:Notifications:Providers:Fcm</c>).</summary>
internal sealed class FcmOptions : IProviderOptions
{
    public static readonly string SectionName = ProviderSettings.Section("Fcm");

    /// <summary>Path to the service-account JSON key downloaded from the Firebase console; or the JSON itself in <see cref="ServiceAccountJson"/>.</summary>
    public string? ServiceAccountFile { get; set; }

    public string? ServiceAccountJson { get; set; }

    /// <summary>Firebase project id; taken from the key's project_id when empty.</summary>
    public string? ProjectId { get; set; }

    /// <summary>OAuth token endpoint; the key's token_uri (https://oauth2.googleapis.com/token) when empty.</summary>
    public string? TokenUri { get; set; }

    public string ApiBase { get; set; } = "https://fcm.googleapis.com";

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(ServiceAccountFile) == string.IsNullOrWhiteSpace(ServiceAccountJson))
        {
            yield return $"{SectionName}: set exactly one of ServiceAccountFile and ServiceAccountJson.";
            yield break;
        }

        if (!ValidatedOptions.IsAbsoluteHttpUrl(ApiBase)) yield return $"{SectionName}:ApiBase must be an absolute http(s) URL.";
        if (!string.IsNullOrWhiteSpace(TokenUri) && !ValidatedOptions.IsAbsoluteHttpUrl(TokenUri)) yield return $"{SectionName}:TokenUri must be an absolute http(s) URL.";

        string? problem = null;
        try
        {
            var key = FcmServiceAccount.Load(this);
            if (string.IsNullOrWhiteSpace(ProjectId ?? key.ProjectId)) problem = $"{SectionName}:ProjectId is required (the key names none).";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or System.Text.Json.JsonException)
        {
            problem = $"{SectionName}: the service-account key cannot be read: {ex.Message}";
        }

        if (problem is not null) yield return problem;
    }
}
