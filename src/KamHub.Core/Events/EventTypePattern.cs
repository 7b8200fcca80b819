using System.Text.RegularExpressions;

namespace KamHub.Core.Events;

/// <summary>
/// A subscription pattern: an exact name (<c>booking.confirmed</c>), a prefix wildcard (<c>booking.*</c>, any depth
/// below <c>booking.</c>), or everything (<c>*</c>).
/// </summary>
public sealed partial record EventTypePattern
{
    private EventTypePattern(string text) => Text = text;

    public string Text { get; }

    public bool IsAll => Text == "*";

    /// <summary>For <c>booking.*</c>: "booking." (what matching names start with); null for exact names and <c>*</c>.</summary>
    public string? Prefix => Text.EndsWith(".*", StringComparison.Ordinal) ? Text[..^1] : null;

    public static bool TryParse(string? text, out EventTypePattern pattern)
    {
        pattern = new EventTypePattern(text?.Trim() ?? "");
        return pattern.Text == "*" || Shape().IsMatch(pattern.Text);
    }

    public static EventTypePattern Parse(string text) =>
        TryParse(text, out var pattern) ? pattern : throw new ArgumentException($"'{text}' is not an event pattern: use 'noun.verb', 'noun.*' or '*'.", nameof(text));

    public static bool IsValidEventName(string name) => Name().IsMatch(name);

    public bool Matches(string type) =>
        IsAll || (Prefix is { } prefix ? type.StartsWith(prefix, StringComparison.Ordinal) : type == Text);

    public override string ToString() => Text;

    /// <summary>Lower-case dotted words, optionally ending in <c>.*</c>.</summary>
    [GeneratedRegex(@"^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*(\.\*)?$")]
    private static partial Regex Shape();

    [GeneratedRegex(@"^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)+$")]
    private static partial Regex Name();
}
