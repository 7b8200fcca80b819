using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace KamHub.Core.Monitoring;

/// <summary>
/// The platform's own instruments, exported on /metrics and over OTLP under the meter name "KamHub". The meter comes
/// from the host's <see cref="IMeterFactory"/>, so two hosts in one process (tests) never see each other's numbers.
/// </summary>
public sealed class KamHubMetrics
{
    public const string MeterName = "KamHub";
    public const string ActivitySourceName = "KamHub";

    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    private readonly Histogram<double> _dbCommandDuration;
    private readonly Counter<long> _slowQueries;
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheMisses;

    public KamHubMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _dbCommandDuration = meter.CreateHistogram<double>("kamhub.db.command.duration", "s", "Duration of database commands",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        _slowQueries = meter.CreateCounter<long>("kamhub.db.slow_queries", "{command}", "Database commands slower than the slow-query threshold");
        _cacheHits = meter.CreateCounter<long>("kamhub.cache.hits", "{lookup}", "Cache lookups answered from the cache, per region");
        _cacheMisses = meter.CreateCounter<long>("kamhub.cache.misses", "{lookup}", "Cache lookups that had to run the factory, per region");
    }

    public void DbCommand(string module, TimeSpan duration) => _dbCommandDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("module", module));

    public void SlowQuery(string module) => _slowQueries.Add(1, new KeyValuePair<string, object?>("module", module));

    public void CacheHit(string region) => _cacheHits.Add(1, new KeyValuePair<string, object?>("region", region));

    public void CacheMiss(string region) => _cacheMisses.Add(1, new KeyValuePair<string, object?>("region", region));
}
