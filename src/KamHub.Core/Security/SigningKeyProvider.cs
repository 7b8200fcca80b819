using System.Security.Cryptography;
using KamHub.Core.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace KamHub.Core.Security;

/// <summary>
/// The HMAC key that signs access tokens: from configuration, or (embedded default) generated once and kept in
/// <c>jwt-signing.key</c> in the data directory so tokens survive a restart.
/// </summary>
public sealed class SigningKeyProvider
{
    public const string FileName = "jwt-signing.key";

    public SigningKeyProvider(IOptions<JwtOptions> options, IConfiguration configuration, ILogger<SigningKeyProvider> logger)
    {
        var configured = options.Value.SigningKey;
        byte[] bytes;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            bytes = Decode(configured);
        }
        else
        {
            var path = Path.Combine(DataDirectory.Resolve(configuration), FileName);
            if (!File.Exists(path))
            {
                WriteNewKey(path);
                logger.LogInformation("Generated a token signing key at {Path}", path);
            }

            bytes = Convert.FromBase64String(File.ReadAllText(path).Trim());
        }

        if (bytes.Length < 32) throw new InvalidOperationException("KamHub:Jwt:SigningKey must be at least 32 bytes (base64).");
        Key = new SymmetricSecurityKey(bytes) { KeyId = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] };
    }

    public SymmetricSecurityKey Key { get; }

    private static byte[] Decode(string value)
    {
        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("KamHub:Jwt:SigningKey must be base64.");
        }
    }

    private static void WriteNewKey(string path)
    {
        var temp = path + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(temp, Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            // Two processes starting at once: the first rename wins, the other keeps the winner's key.
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException)
        {
            File.Delete(temp);
        }
    }
}
