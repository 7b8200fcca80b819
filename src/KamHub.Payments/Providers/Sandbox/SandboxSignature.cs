using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using KamHub.Core.Security;
using Microsoft.Extensions.Options;

namespace KamHub.Payments.Providers.Sandbox;

/// <summary>
/// The sandbox's webhook signature, shaped like Stripe's: header <c>Sandbox-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>
/// where v1 = HMAC-SHA256(secret, "t.body"). Signing the timestamp with the body is what makes an old capture useless.
/// The secret is the configured one, else derived from the token signing key: every instance that accepts the others'
/// tokens (same configured key, or the same data directory's generated one) also accepts the others' sandbox webhooks,
/// and a restart keeps it, so a webhook signed before the restart still verifies.
/// </summary>
internal sealed class SandboxSignature
{
    public const string Header = "Sandbox-Signature";

    private readonly byte[] _key;

    public SandboxSignature(IOptions<SandboxOptions> options, SigningKeyProvider signingKey)
    {
        var secret = options.Value.WebhookSecret;
        _key = string.IsNullOrEmpty(secret) ? Derive(signingKey.Key.Key) : Encoding.UTF8.GetBytes(secret);
    }

    /// <summary>A key of its own (HKDF), so a sandbox signature never reveals or doubles as the token key.</summary>
    private static byte[] Derive(byte[] tokenKey) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, tokenKey, 32, salt: [], info: Encoding.UTF8.GetBytes("kamhub/payments/sandbox-webhook/v1"));

    public string Sign(byte[] body, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={timestamp},v1={Convert.ToHexStringLower(Compute(timestamp, body))}";
    }

    /// <summary>Null when valid, else the rejection reason (unsigned, malformed-signature, stale, bad-signature).</summary>
    public string? Check(string? header, byte[] body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrWhiteSpace(header)) return "unsigned";
        string? timestamp = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal)) timestamp = part[2..];
            else if (part.StartsWith("v1=", StringComparison.Ordinal)) signatures.Add(part[3..]);
        }

        if (timestamp is null || signatures.Count == 0 || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return "malformed-signature";
        var expected = Compute(timestamp, body);
        var valid = signatures.Any(s => s.Length == expected.Length * 2 && TryHex(s) is { } given && CryptographicOperations.FixedTimeEquals(given, expected));
        if (!valid) return "bad-signature";
        // Checked after the signature, so a forged header cannot probe the clock; a valid but old capture is a replay.
        var age = now - DateTimeOffset.FromUnixTimeSeconds(seconds);
        return age.Duration() > tolerance ? "stale" : null;
    }

    private byte[] Compute(string timestamp, byte[] body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message, prefix.Length);
        return HMACSHA256.HashData(_key, message);
    }

    private static byte[]? TryHex(string hex)
    {
        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
