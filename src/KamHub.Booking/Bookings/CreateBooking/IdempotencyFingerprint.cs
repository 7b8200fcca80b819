using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KamHub.Booking.Bookings.CreateBooking;

/// <summary>A hash of the request as parsed (not as sent), so spacing or property order do not make it "another body".</summary>
internal static class IdempotencyFingerprint
{
    public const string Header = "Idempotency-Key";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Of(CreateBookingRequest request) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(Stored.From(request), Json))));

    /// <summary>
    /// The fields hashed, in the order stored hashes were made with (seats last, from when it was serialized with the
    /// request): a retry that spans an upgrade still matches its booking. Points come last and only when sent, so a
    /// request without them hashes as it did before they existed. An agent's client account likewise.
    /// </summary>
    private sealed record Stored(Guid? DepartureId, int? Adults, int? Children, IReadOnlyList<ParticipantRequest?>? Participants, ContactRequest? Contact, int Seats,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Points,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? ClientUserId)
    {
        public static Stored From(CreateBookingRequest r) => new(r.DepartureId, r.Adults, r.Children, r.Participants, r.Contact, r.Seats(), r.Points, r.ClientUserId);
    }
}
