using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace KamHub.Payments.Providers.CloudPayments;

/// <summary>
/// Notification signatures: base64 HMAC-SHA256 with the API secret. Content-HMAC covers the body exactly as sent;
/// X-Content-HMAC covers it URL-decoded. Either one matching proves the sender knows the secret.
/// </summary>
internal static class CloudPaymentsSignature
{
    public static bool HasAny(IncomingWebhook webhook) =>
        !string.IsNullOrWhiteSpace(webhook.Header("Content-HMAC")) || !string.IsNullOrWhiteSpace(webhook.Header("X-Content-HMAC"));

    public static bool IsValid(IncomingWebhook webhook, string apiSecret)
    {
        var key = Encoding.UTF8.GetBytes(apiSecret);
        if (Matches(webhook.Header("Content-HMAC"), HMACSHA256.HashData(key, webhook.Body))) return true;
        var decoded = WebUtility.UrlDecode(Encoding.UTF8.GetString(webhook.Body));
        return Matches(webhook.Header("X-Content-HMAC"), HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(decoded)));
    }

    public static string Compute(byte[] body, string apiSecret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(apiSecret), body));

    private static bool Matches(string? header, byte[] expected)
    {
        if (string.IsNullOrWhiteSpace(header)) return false;
        var given = new byte[expected.Length + 8];
        return Convert.TryFromBase64String(header.Trim(), given, out var written)
            && written == expected.Length
            && CryptographicOperations.FixedTimeEquals(given.AsSpan(0, written), expected);
    }
}
