using System.Security.Cryptography;

namespace KamHub.Identity.Seeding;

internal static class GeneratedPassword
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /// <summary>20 characters from an unambiguous alphabet (~115 bits): strong, and easy to copy from a console.</summary>
    public static string New() => RandomNumberGenerator.GetString(Alphabet, 20);
}
