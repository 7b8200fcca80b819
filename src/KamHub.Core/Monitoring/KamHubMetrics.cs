using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace KamHub.Core.Monitoring;

/// <summary>The platform's own instruments. Exposed on /metrics and to OpenTelemetry under the meter name "KamHub".</summary>
public static class KamHubMetrics
{
    public const string MeterName = "KamHub";
    public const string ActivitySourceName = "KamHub";

    public static readonly Meter Meter = new(MeterName);
    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    public static readonly Histogram<double> DbCommandDuration = Meter.CreateHistogram<double>(
        "kamhub.db.command.duration", "s", "Duration of database commands",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });

    public static readonly Counter<long> SlowQueries = Meter.CreateCounter<long>(
        "kamhub.db.slow_queries", "{command}", "Database commands slower than the slow-query threshold");

    public static readonly Counter<long> CacheHits = Meter.CreateCounter<long>(
        "kamhub.cache.hits", "{lookup}", "Cache lookups answered from the cache, per region");

    public static readonly Counter<long> CacheMisses = Meter.CreateCounter<long>(
        "kamhub.cache.misses", "{lookup}", "Cache lookups that had to run the factory, per region");
}
