namespace KamHub.Web.Api;

/// <summary>
/// A problem's field errors for a form: <c>Message("contact.email")</c>, and <c>Message("participants")</c> also collects
/// "participants[1].name", so each error lands next to the input it is about.
/// </summary>
internal sealed class FieldErrors(IReadOnlyDictionary<string, string[]>? errors)
{
    public static readonly FieldErrors None = new(null);

    private readonly IReadOnlyDictionary<string, string[]> _errors = errors ?? new Dictionary<string, string[]>();

    public bool Any => _errors.Count > 0;

    public bool Has(string key) => Matching(key).Any();

    public string? Message(string key) => Has(key) ? string.Join(" ", Matching(key).SelectMany(e => e.Value.Select(m => e.Key == key ? m : $"{e.Key}: {m}"))) : null;

    /// <summary>Errors no input on the form shows (so they are not lost).</summary>
    public IEnumerable<string> Others(params string[] shown) =>
        _errors.Where(e => !shown.Any(k => Matches(e.Key, k))).SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"));

    private IEnumerable<KeyValuePair<string, string[]>> Matching(string key) => _errors.Where(e => Matches(e.Key, key));

    private static bool Matches(string name, string key) =>
        name.Equals(key, StringComparison.OrdinalIgnoreCase) || name.StartsWith(key + "[", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith(key + ".", StringComparison.OrdinalIgnoreCase);
}
