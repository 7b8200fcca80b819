using System.Text;

namespace KamHub.Discovery.Search.Index;

/// <summary>
/// Text to lexemes the way PostgreSQL's <c>to_tsvector('simple', …)</c> reads ordinary prose (ADR 0026): runs of letters
/// and digits, lower-cased; a hyphenated compound ("hot-springs") is one lexeme followed by each of its parts, each
/// taking a position. Positions start at 1, as in a tsvector. Emails, URLs, decimals and the parser's other special
/// tokens are not reproduced: they split into their letter/digit runs here.
/// </summary>
internal static class SearchTokens
{
    public static List<string> Lexemes(string? text)
    {
        var lexemes = new List<string>();
        if (string.IsNullOrEmpty(text)) return lexemes;
        var parts = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (!IsWordChar(text, i))
            {
                i += RuneLength(text, i);
                continue;
            }

            // One compound: word runs joined by single hyphens.
            parts.Clear();
            while (true)
            {
                var start = i;
                while (i < text.Length && IsWordChar(text, i)) i += RuneLength(text, i);
                parts.Add(text[start..i].ToLowerInvariant());
                if (i + 1 < text.Length && text[i] == '-' && IsWordChar(text, i + 1)) i++;
                else break;
            }

            if (parts.Count > 1) lexemes.Add(string.Join('-', parts));
            lexemes.AddRange(parts);
        }

        return lexemes;
    }

    private static bool IsWordChar(string text, int i) =>
        Rune.TryGetRuneAt(text, i, out var rune) && Rune.IsLetterOrDigit(rune);

    private static int RuneLength(string text, int i) => Rune.TryGetRuneAt(text, i, out var rune) ? rune.Utf16SequenceLength : 1;
}
