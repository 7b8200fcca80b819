using System.Text;

namespace KamHub.Discovery.Tours.SearchTours;

/// <summary>
/// Free text to search terms. Only terms with a letter or digit count; each becomes an FTS5 string literal
/// (double quotes doubled), so no user input is ever read as FTS5 query syntax.
/// </summary>
internal static class FullTextTerms
{
    public static IReadOnlyList<string> Split(string? text) =>
        // Control characters (NUL above all: PostgreSQL refuses it) and lone surrogates separate terms like spaces do;
        // well-formed pairs (CJK extension B, emoji) stay.
        Sanitize(text ?? "")
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(t => t.EnumerateRunes().Any(Rune.IsLetterOrDigit))
            .Take(16)
            .ToList();

    private static string Sanitize(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) i++;
            else if (char.IsControl(chars[i]) || char.IsSurrogate(chars[i])) chars[i] = ' ';
        }

        return new string(chars);
    }

    /// <summary>All terms must match (FTS5 joins phrases with an implicit AND).</summary>
    public static string ToFts5(IReadOnlyList<string> terms)
    {
        var builder = new StringBuilder();
        foreach (var term in terms)
        {
            if (builder.Length > 0) builder.Append(' ');
            builder.Append('"').Append(term.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }

        return builder.ToString();
    }

    /// <summary>For plainto_tsquery, which ANDs the words and ignores any operators.</summary>
    public static string ToPostgres(IReadOnlyList<string> terms) => string.Join(' ', terms);
}
