namespace KamHub.Core.Errors;

/// <summary>Collects field errors; field names are the JSON names the client sent (camelCase, dotted paths).</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public ValidationErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public ValidationErrors When(bool invalid, string field, string message) => invalid ? Add(field, message) : this;

    /// <summary>Names, titles, addresses are one line; only <paramref name="multiline"/> text (descriptions, reasons) may break lines.</summary>
    public ValidationErrors Required(string? value, string field, int maxLength, bool multiline = false)
    {
        if (string.IsNullOrWhiteSpace(value)) return Add(field, "is required.");
        return Optional(value, field, maxLength, multiline);
    }

    public ValidationErrors Optional(string? value, string field, int maxLength, bool multiline = false)
    {
        if (value is null) return this;
        if (value.Length > maxLength) return Add(field, $"must be at most {maxLength} characters.");
        return When(!multiline && value.AsSpan().IndexOfAny('\r', '\n') >= 0, field, "must be a single line.");
    }

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
}
