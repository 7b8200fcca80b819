namespace KamHub.Notifications.Triggers;

/// <summary>Contact phones as people type them ("+7 900 000-00-00") to E.164 ("+79000000000"); null when it is not one.</summary>
internal static class PhoneNumbers
{
    public static string? ToE164(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var trimmed = phone.Trim();
        if (!trimmed.StartsWith('+')) return null;
        if (trimmed.Skip(1).Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-' or '(' or ')'))) return null;
        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        return digits.Length is >= 8 and <= 15 ? "+" + digits : null;
    }
}
