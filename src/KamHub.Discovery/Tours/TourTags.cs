namespace KamHub.Discovery.Tours;

/// <summary>Tags are stored as "|a|b|": a tag filter is then a substring test for "|a|" on either provider.</summary>
internal static class TourTags
{
    public static string Normalize(string tag) => tag.Trim().ToLowerInvariant();

    public static string Format(IEnumerable<string> tags) =>
        "|" + string.Concat(tags.Select(Normalize).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).Select(t => t + "|"));

    public static IReadOnlyList<string> Parse(string stored) => stored.Split('|', StringSplitOptions.RemoveEmptyEntries);

    public static string Needle(string tag) => "|" + Normalize(tag) + "|";
}
