using System.Globalization;

namespace KamHub.Web.Pages.Console;

/// <summary>
/// The few numbers the console charts, read from this process's Prometheus scrape (/metrics): counters summed over their
/// labels, and the p99 of request durations from the histogram's cumulative buckets (the bucket bound the 99th percentile
/// falls in, as Prometheus' histogram_quantile would, without interpolation).
/// </summary>
internal sealed class Metrics
{
    private readonly Dictionary<string, double> _sums = new(StringComparer.Ordinal);
    private readonly SortedDictionary<double, double> _requestBuckets = [];

    public static Metrics Parse(string? scrape)
    {
        var metrics = new Metrics();
        foreach (var line in (scrape ?? "").Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            // name{labels} value [timestamp]: the series ends at the last '}' (labels may hold spaces), else at the first space.
            var close = line.LastIndexOf('}');
            var end = close >= 0 ? close + 1 : line.IndexOf(' ', StringComparison.Ordinal);
            if (end <= 0 || end >= line.Length) continue;
            var series = line[..end];
            var rest = line[end..].Trim().Split(' ');
            if (!double.TryParse(rest[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) continue;
            var brace = series.IndexOf('{', StringComparison.Ordinal);
            var name = brace < 0 ? series : series[..brace];
            metrics._sums[name] = metrics._sums.GetValueOrDefault(name) + (double.IsFinite(value) ? value : 0);
            if (name == "http_server_request_duration_seconds_bucket" && Label(series, "le") is { } le)
            {
                var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);
                metrics._requestBuckets[bound] = metrics._requestBuckets.GetValueOrDefault(bound) + value;
            }
        }

        return metrics;
    }

    public bool Any => _sums.Count > 0;

    /// <summary>A counter's total over every label set (0 when the process has not counted it yet).</summary>
    public double Total(string name) => _sums.GetValueOrDefault(name);

    /// <summary>The upper bound of the bucket holding the 99th percentile request, in milliseconds; null before any request.</summary>
    public double? RequestP99Ms()
    {
        var count = _requestBuckets.Count == 0 ? 0 : _requestBuckets.Values.Max();
        if (count <= 0) return null;
        foreach (var (bound, cumulative) in _requestBuckets)
            if (cumulative >= 0.99 * count) return double.IsInfinity(bound) ? null : bound * 1000;
        return null;
    }

    private static string? Label(string series, string label)
    {
        var start = series.IndexOf(label + "=\"", StringComparison.Ordinal);
        if (start < 0) return null;
        start += label.Length + 2;
        var end = series.IndexOf('"', start);
        return end < 0 ? null : series[start..end];
    }
}
