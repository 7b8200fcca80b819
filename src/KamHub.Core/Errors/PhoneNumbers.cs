namespace KamHub.Core.Errors;

/// <summary>Phones as people type them ("+7 (900) 000-00-00") to E.164 ("+79000000000"); null when it is not one.</summary>
public static class PhoneNumbers
{
    public const string Problem = "must be an international number starting with +, e.g. +79001234567.";

    public static string? ToE164(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var trimmed = phone.Trim();
        if (!trimmed.StartsWith('+')) return null;
        if (trimmed.Skip(1).Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-' or '(' or ')'))) return null;
        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        // E.164: a country code (never 0) and at most 15 digits in all.
        return digits.Length is >= 8 and <= 15 && digits[0] != '0' ? "+" + digits : null;
    }

    /// <summary>Adds an error naming the field when an optional phone is given but is not an international number.</summary>
    public static ValidationErrors Phone(this ValidationErrors errors, string? value, string field) =>
        errors.When(value is not null && (value.Length > 32 || ToE164(value) is null), field, Problem);
}
