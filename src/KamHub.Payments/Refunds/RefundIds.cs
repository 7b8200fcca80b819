using System.Security.Cryptography;
using System.Text;

namespace KamHub.Payments.Refunds;

/// <summary>
/// A refund id derived from what makes the refund unique. An event handler that calls the provider and is then rolled
/// back (and delivered again) asks with the same id, which the provider's idempotency turns into one refund.
/// </summary>
internal static class RefundIds
{
    public static string ForCancellation(Guid bookingId, Guid paymentId) => $"booking-cancelled:{bookingId:N}:{paymentId:N}";

    public static Guid From(string key)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80); // RFC 9562 version 8: custom, name-based
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
