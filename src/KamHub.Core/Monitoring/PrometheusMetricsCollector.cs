using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace KamHub.Core.Monitoring;

/// <summary>
/// Listens to the platform's meters and renders them in the Prometheus text format. Hand-written because the
/// OpenTelemetry Prometheus exporter is not in the package registry we can reach (ADR 0003).
/// </summary>
public sealed class PrometheusMetricsCollector : IDisposable
{
    private static readonly double[] DefaultBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly string[] ListenedMeters = ["KamHub", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime"];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentSeries> _series = new();

    public PrometheusMetricsCollector()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (!ListenedMeters.Any(m => instrument.Meter.Name.StartsWith(m, StringComparison.Ordinal))) return;
            _series.TryAdd(instrument, new InstrumentSeries(instrument, BucketsFor(instrument)));
            listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<float>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    public string Render()
    {
        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        foreach (var series in _series.Values.OrderBy(s => s.Name, StringComparer.Ordinal)) series.Render(text);
        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_series.TryGetValue(instrument, out var series)) series.Record(value, tags);
    }

    private static double[] BucketsFor(Instrument instrument) =>
        instrument is Histogram<double> { Advice.HistogramBucketBoundaries: { } advised } ? [.. advised] : DefaultBuckets;

    private sealed class InstrumentSeries(Instrument instrument, double[] buckets)
    {
        private readonly ConcurrentDictionary<string, Point> _points = new(StringComparer.Ordinal);
        private readonly bool _histogram = instrument.GetType().Name.StartsWith("Histogram", StringComparison.Ordinal);
        private readonly bool _monotonic = instrument.GetType().Name is "Counter`1" or "ObservableCounter`1";
        private readonly bool _observable = instrument.IsObservable;

        public string Name { get; } = PrometheusNames.Metric(instrument.Name, instrument.Unit, instrument.GetType().Name);

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var labels = PrometheusNames.Labels(tags);
            var point = _points.GetOrAdd(labels, _ => new Point(buckets.Length));
            lock (point)
            {
                if (_histogram)
                {
                    point.Count++;
                    point.Sum += value;
                    for (var i = 0; i < buckets.Length; i++)
                        if (value <= buckets[i]) point.Buckets[i]++;
                }
                else if (_observable)
                {
                    point.Sum = value;
                }
                else
                {
                    point.Sum += value;
                }
            }
        }

        public void Render(StringBuilder text)
        {
            if (_points.IsEmpty) return;
            var type = _histogram ? "histogram" : _monotonic ? "counter" : "gauge";
            if (!string.IsNullOrEmpty(instrument.Description)) text.Append("# HELP ").Append(Name).Append(' ').Append(instrument.Description.ReplaceLineEndings(" ")).Append('\n');
            text.Append("# TYPE ").Append(Name).Append(' ').Append(type).Append('\n');
            foreach (var (labels, point) in _points.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                lock (point)
                {
                    if (!_histogram)
                    {
                        text.Append(Name).Append(Wrap(labels)).Append(' ').Append(Format(point.Sum)).Append('\n');
                        continue;
                    }

                    for (var i = 0; i < buckets.Length; i++)
                        text.Append(Name).Append("_bucket").Append(Wrap(Join(labels, $"le=\"{Format(buckets[i])}\""))).Append(' ').Append(point.Buckets[i]).Append('\n');
                    text.Append(Name).Append("_bucket").Append(Wrap(Join(labels, "le=\"+Inf\""))).Append(' ').Append(point.Count).Append('\n');
                    text.Append(Name).Append("_sum").Append(Wrap(labels)).Append(' ').Append(Format(point.Sum)).Append('\n');
                    text.Append(Name).Append("_count").Append(Wrap(labels)).Append(' ').Append(point.Count).Append('\n');
                }
            }
        }

        private static string Join(string labels, string extra) => labels.Length == 0 ? extra : labels + "," + extra;

        private static string Wrap(string labels) => labels.Length == 0 ? "" : "{" + labels + "}";

        private static string Format(double value) => value.ToString("G17", CultureInfo.InvariantCulture);
    }

    private sealed class Point(int buckets)
    {
        public long Count;
        public double Sum;
        public readonly long[] Buckets = new long[buckets];
    }
}
