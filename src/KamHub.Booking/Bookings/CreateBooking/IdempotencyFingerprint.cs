using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace KamHub.Booking.Bookings.CreateBooking;

/// <summary>A hash of the request as parsed (not as sent), so spacing or property order do not make it "another body".</summary>
internal static class IdempotencyFingerprint
{
    public const string Header = "Idempotency-Key";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Of(CreateBookingRequest request) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request, Json))));
}
