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

    public ValidationErrors Required(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) return Add(field, "is required.");
        return When(value.Length > maxLength, field, $"must be at most {maxLength} characters.");
    }

    public ValidationErrors Optional(string? value, string field, int maxLength) =>
        When(value is not null && value.Length > maxLength, field, $"must be at most {maxLength} characters.");

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
}
