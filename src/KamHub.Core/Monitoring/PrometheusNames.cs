using System.Text;

namespace KamHub.Core.Monitoring;

/// <summary>OpenTelemetry instrument names to Prometheus names, following the OTel-to-Prometheus compatibility rules.</summary>
internal static class PrometheusNames
{
    public static string Metric(string name, string? unit, string instrumentType)
    {
        var result = Sanitize(name);
        var suffix = unit switch
        {
            "s" => "_seconds",
            "ms" => "_milliseconds",
            "By" => "_bytes",
            _ => "",
        };
        if (suffix.Length > 0 && !result.EndsWith(suffix, StringComparison.Ordinal)) result += suffix;
        if (instrumentType is "Counter`1" or "ObservableCounter`1" && !result.EndsWith("_total", StringComparison.Ordinal)) result += "_total";
        return result;
    }

    public static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0) return "";
        var pairs = new List<KeyValuePair<string, object?>>(tags.Length);
        foreach (var tag in tags) pairs.Add(tag);
        pairs.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder();
        foreach (var (key, value) in pairs)
        {
            if (text.Length > 0) text.Append(',');
            text.Append(Sanitize(key)).Append("=\"").Append(Escape(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "")).Append('"');
        }

        return text.ToString();
    }

    private static string Sanitize(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (!char.IsAsciiLetterOrDigit(chars[i]) && chars[i] != '_') chars[i] = '_';
        return new string(chars);
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
