using System.Text;

namespace KamHub.Discovery.Tours;

/// <summary>URL slugs from English titles: lower-case ASCII letters and digits joined by single hyphens.</summary>
internal static class Slugs
{
    public const int MaxLength = 80;

    public static string From(string? text, string fallback)
    {
        var builder = new StringBuilder();
        foreach (var c in (text ?? "").Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') builder.Append(c);
            else if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark) continue;
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
            if (builder.Length >= MaxLength) break;
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? fallback : slug;
    }

    /// <summary>The first of base, base-2, base-3… not taken.</summary>
    public static string Unique(string baseSlug, IReadOnlyCollection<string> taken)
    {
        if (!taken.Contains(baseSlug)) return baseSlug;
        for (var i = 2; ; i++)
        {
            var candidate = $"{baseSlug}-{i}";
            if (!taken.Contains(candidate)) return candidate;
        }
    }
}
