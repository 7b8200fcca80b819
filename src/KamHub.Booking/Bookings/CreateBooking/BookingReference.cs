using System.Security.Cryptography;

namespace KamHub.Booking.Bookings.CreateBooking;

/// <summary>KH-XXXX-XXXX from letters and digits that cannot be misread (no 0/O, 1/I/L): easy to say on the phone.</summary>
internal static class BookingReference
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string New() => $"KH-{Random(4)}-{Random(4)}";

    private static string Random(int length) => RandomNumberGenerator.GetString(Alphabet, length);
}
