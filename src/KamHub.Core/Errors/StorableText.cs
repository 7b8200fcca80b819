namespace KamHub.Core.Errors;

/// <summary>
/// Text a database can hold and compare, the same on both providers: PostgreSQL rejects NUL characters (SQLite would
/// store them) and Npgsql refuses malformed UTF-16 (lone surrogates), both as exceptions that would otherwise surface
/// as a 500. Control characters are refused too: no field needs them, and they break logs, e-mails and SMS. Tab,
/// line feed and carriage return stay allowed, for multi-line descriptions.
/// </summary>
public static class StorableText
{
    public const string Problem = "must not contain NUL or other control characters, or malformed Unicode.";

    public static bool IsStorable(string? value) => value is null || (!HasForbiddenControl(value) && IsWellFormedUtf16(value));

    /// <summary>Adds an error naming the field when the value cannot be stored.</summary>
    public static ValidationErrors Storable(this ValidationErrors errors, string? value, string field) =>
        errors.When(!IsStorable(value), field, Problem);

    public static bool IsWellFormedUtf16(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
            else if (char.IsSurrogate(value[i])) return false;
        }

        return true;
    }

    /// <summary>C0 (with NUL), DEL and C1 controls, except tab, line feed and carriage return.</summary>
    private static bool HasForbiddenControl(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) return true;
        }

        return false;
    }
}
