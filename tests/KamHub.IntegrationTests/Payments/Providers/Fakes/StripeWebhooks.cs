using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace KamHub.IntegrationTests.Payments.Providers.Fakes;

/// <summary>Builds Stripe webhook deliveries the way Stripe documents them: an event envelope and a Stripe-Signature header.</summary>
public static class StripeWebhooks
{
    public static string Event(string type, object dataObject, string? id = null) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["id"] = id ?? $"evt_{Guid.NewGuid():N}",
        ["object"] = "event",
        ["api_version"] = "2024-06-20",
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["type"] = type,
        ["data"] = new Dictionary<string, object?> { ["object"] = dataObject },
    });

    public static object PaymentIntent(string id, long amount, Guid paymentId, string status = "succeeded", string? declineCode = null) =>
        new Dictionary<string, object?>
        {
            ["id"] = id, ["object"] = "payment_intent", ["amount"] = amount, ["amount_received"] = status == "succeeded" ? amount : 0,
            ["currency"] = "rub", ["status"] = status, ["metadata"] = new Dictionary<string, string> { ["payment_id"] = paymentId.ToString() },
            ["last_payment_error"] = declineCode is null ? null : new Dictionary<string, object?> { ["type"] = "card_error", ["code"] = "card_declined", ["decline_code"] = declineCode },
        };

    public static object Refund(string id, string paymentIntent, long amount, Guid paymentId, string status = "succeeded") =>
        new Dictionary<string, object?>
        {
            ["id"] = id, ["object"] = "refund", ["amount"] = amount, ["currency"] = "rub", ["payment_intent"] = paymentIntent,
            ["status"] = status, ["metadata"] = new Dictionary<string, string> { ["payment_id"] = paymentId.ToString() },
        };

    /// <summary>t=timestamp,v1=hex(HMAC-SHA256(secret, "timestamp.payload")).</summary>
    public static string Signature(string payload, string secret, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }
}
