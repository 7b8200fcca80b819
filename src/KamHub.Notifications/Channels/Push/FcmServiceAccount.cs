using System.Text.Json;
using System.Text.Json.Serialization;

namespace KamHub.Notifications.Channels.Push;

/// <summary>The fields of a Google service-account JSON key that the token flow needs.</summary>
internal sealed record FcmServiceAccount(
    [property: JsonPropertyName("client_email")] string ClientEmail,
    [property: JsonPropertyName("private_key")] string PrivateKey,
    [property: JsonPropertyName("private_key_id")] string? PrivateKeyId,
    [property: JsonPropertyName("project_id")] string? ProjectId,
    [property: JsonPropertyName("token_uri")] string? TokenUri)
{
    public const string DefaultTokenUri = "https://oauth2.googleapis.com/token";

    public static FcmServiceAccount Load(FcmOptions options)
    {
        var json = string.IsNullOrWhiteSpace(options.ServiceAccountJson) ? File.ReadAllText(options.ServiceAccountFile!) : options.ServiceAccountJson;
        var key = JsonSerializer.Deserialize<FcmServiceAccount>(json) ?? throw new InvalidOperationException("the key is empty");
        if (string.IsNullOrWhiteSpace(key.ClientEmail) || string.IsNullOrWhiteSpace(key.PrivateKey))
            throw new InvalidOperationException("the key has no client_email or private_key");
        return key;
    }
}
