using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace KamHub.Notifications.Channels.Push;

/// <summary>
/// APNs provider tokens: an ES256 JWT (header alg+kid, claims iss=team id and iat) signed with the .p8 key, reused for
/// <see cref="ApnsOptions.TokenLifetime"/>; Apple rejects both stale tokens and tokens renewed too often.
/// </summary>
internal sealed class ApnsProviderTokens(IOptionsMonitor<ApnsOptions> options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private (string Jwt, DateTimeOffset IssuedAt)? _current;

    public string Get()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var settings = options.CurrentValue;
            if (_current is { } cached && now - cached.IssuedAt < settings.TokenLifetime) return cached.Jwt;
            _current = (Create(settings, now), now);
            return _current.Value.Jwt;
        }
    }

    /// <summary>After ExpiredProviderToken/InvalidProviderToken the next send signs a new one.</summary>
    public void Invalidate(string rejected)
    {
        lock (_gate)
        {
            if (_current?.Jwt == rejected) _current = null;
        }
    }

    public static ECDsa LoadKey(ApnsOptions settings)
    {
        var pem = string.IsNullOrWhiteSpace(settings.PrivateKey) ? File.ReadAllText(settings.PrivateKeyFile!) : settings.PrivateKey;
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        return key;
    }

    private static string Create(ApnsOptions settings, DateTimeOffset now)
    {
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = "ES256", ["kid"] = settings.KeyId! }));
        var claims = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["iss"] = settings.TeamId!, ["iat"] = now.ToUnixTimeSeconds() }));
        var signingInput = $"{header}.{claims}";
        using var key = LoadKey(settings);
        // JWS wants the raw r||s form, which is what SignData produces by default (IEEE P1363), not DER.
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256);
        return $"{signingInput}.{Base64Url(signature)}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
