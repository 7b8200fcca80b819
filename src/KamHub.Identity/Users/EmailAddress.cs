using System.Net.Mail;

namespace KamHub.Identity.Users;

/// <summary>The one place that decides what a valid email is and how it is compared.</summary>
internal static class EmailAddress
{
    public static bool IsValid(string email) =>
        email.Length <= Data.User.EmailMaxLength
        && MailAddress.TryCreate(email, out var parsed)
        // MailAddress accepts "Name <a@b>"; only the bare address is an email here.
        && parsed.Address == email
        && email.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < email.Length - 1;

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();
}
