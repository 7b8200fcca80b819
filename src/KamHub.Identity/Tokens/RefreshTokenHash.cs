using System.Security.Cryptography;
using System.Text;

namespace KamHub.Identity.Tokens;

internal static class RefreshTokenHash
{
    /// <summary>256 random bits: unguessable, so a fast unsalted hash is enough to protect them at rest.</summary>
    public static string NewToken() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Of(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
