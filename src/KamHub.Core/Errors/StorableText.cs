namespace KamHub.Core.Errors;

/// <summary>
/// Text a database can hold and compare: PostgreSQL rejects NUL characters and Npgsql refuses malformed UTF-16
/// (lone surrogates), both as exceptions that would otherwise surface as a 500.
/// </summary>
public static class StorableText
{
    public static bool IsStorable(string? value) =>
        value is null || (!value.Contains('\0', StringComparison.Ordinal) && IsWellFormedUtf16(value));

    /// <summary>Adds an error naming the field when the value cannot be stored.</summary>
    public static ValidationErrors Storable(this ValidationErrors errors, string? value, string field) =>
        errors.When(!IsStorable(value), field, "must not contain NUL characters or malformed Unicode.");

    public static bool IsWellFormedUtf16(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
            else if (char.IsSurrogate(value[i])) return false;
        }

        return true;
    }
}
