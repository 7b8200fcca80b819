using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using KamHub.Core.Monitoring;

namespace KamHub.Core.Events;

/// <summary>The event bus's instruments on the platform meter (KamHubMetrics conventions: kamhub.* names, tags in lower case).</summary>
internal static class EventMetrics
{
    // Merge of main (meters from IMeterFactory): the bus's instruments stay static for now, on a meter of the same
    // name, which the OpenTelemetry exporter collects by name. Hosts in one process share these counts.
    private static readonly Meter Meter = new(KamHubMetrics.MeterName);

    public static readonly Counter<long> Published = Meter.CreateCounter<long>(
        "kamhub.events.published", "{event}", "Events committed to an outbox, per type and module");

    public static readonly Counter<long> Delivered = Meter.CreateCounter<long>(
        "kamhub.events.delivered", "{delivery}", "Deliveries handled successfully, per type and subscriber");

    public static readonly Counter<long> Failed = Meter.CreateCounter<long>(
        "kamhub.events.failed", "{delivery}", "Handler attempts that threw, per type and subscriber");

    public static readonly Counter<long> DeadLettered = Meter.CreateCounter<long>(
        "kamhub.events.dead_lettered", "{delivery}", "Deliveries moved to dead letters after their last attempt, per type and subscriber");

    public static readonly Histogram<double> HandleLatency = Meter.CreateHistogram<double>(
        "kamhub.events.publish_to_handle.duration", "s", "Time from an event's publication to its successful handling, per subscriber",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });

    /// <summary>Last sampled lag per subscriber (events not yet handled, age of the oldest in seconds).</summary>
    public static readonly ConcurrentDictionary<string, (long Events, double Seconds)> Lag = new(StringComparer.Ordinal);

    public static readonly ObservableGauge<long> LagEvents = Meter.CreateObservableGauge(
        "kamhub.events.lag", () => Lag.Select(kv => new Measurement<long>(kv.Value.Events, new KeyValuePair<string, object?>("subscriber", kv.Key))),
        "{event}", "Deliveries not yet handled (pending or dead), per subscriber");

    public static readonly ObservableGauge<double> LagSeconds = Meter.CreateObservableGauge(
        "kamhub.events.lag_age", () => Lag.Select(kv => new Measurement<double>(kv.Value.Seconds, new KeyValuePair<string, object?>("subscriber", kv.Key))),
        "s", "Age of the oldest event not yet handled, per subscriber");

    public static KeyValuePair<string, object?>[] Tags(string type, string subscriber) =>
        [new("type", type), new("subscriber", subscriber)];
}
