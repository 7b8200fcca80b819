using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using KamHub.Core.Monitoring;

namespace KamHub.Core.Events;

/// <summary>
/// The event bus's instruments on the host's "KamHub" meter (KamHubMetrics conventions: kamhub.* names, lower-case tags;
/// the meter comes from the host's <see cref="IMeterFactory"/>, so test hosts in one process keep their own numbers).
/// </summary>
internal sealed class EventMetrics
{
    private readonly Counter<long> _published;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _deadLettered;
    private readonly Histogram<double> _handleLatency;
    private readonly Counter<long> _claims;

    /// <summary>Last sampled lag per subscriber (deliveries not yet handled, age of the oldest in seconds).</summary>
    private readonly ConcurrentDictionary<string, (long Events, double Seconds)> _lag = new(StringComparer.Ordinal);

    public EventMetrics(IMeterFactory meterFactory, EventSubscriptions subscriptions)
    {
        var meter = meterFactory.Create(KamHubMetrics.MeterName);
        _published = meter.CreateCounter<long>("kamhub.events.published", "{event}", "Events committed to an outbox, per type and module");
        _delivered = meter.CreateCounter<long>("kamhub.events.delivered", "{delivery}", "Deliveries handled successfully, per type and subscriber");
        _failed = meter.CreateCounter<long>("kamhub.events.failed", "{delivery}", "Handler attempts that threw, per type and subscriber");
        _deadLettered = meter.CreateCounter<long>("kamhub.events.dead_lettered", "{delivery}",
            "Deliveries moved to dead letters after their last attempt, per type and subscriber");
        _handleLatency = meter.CreateHistogram<double>("kamhub.events.publish_to_handle.duration", "s",
            "Time from an event's publication to its successful handling, per subscriber",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
        _claims = meter.CreateCounter<long>("kamhub.events.claims", "{claim}",
            "Claims run by the dispatch loops, per module and whether they found work (empty ones are idle polls: each costs PostgreSQL a plan and a scan)");
        meter.CreateObservableGauge("kamhub.events.lag",
            () => _lag.Select(kv => new Measurement<long>(kv.Value.Events, new KeyValuePair<string, object?>("subscriber", kv.Key))),
            "{event}", "Deliveries not yet handled (pending or dead), per subscriber");
        meter.CreateObservableGauge("kamhub.events.lag_age",
            () => _lag.Select(kv => new Measurement<double>(kv.Value.Seconds, new KeyValuePair<string, object?>("subscriber", kv.Key))),
            "s", "Age of the oldest event not yet handled, per subscriber");

        // Failure counters start at 0 for every subscriber, so an alert's rate() sees a series before the first failure
        // (the pattern stands in for the type until a real type fails).
        foreach (var subscription in subscriptions.All)
        {
            _failed.Add(0, new("type", subscription.Pattern.Text), new("subscriber", subscription.Name));
            _deadLettered.Add(0, new("type", subscription.Pattern.Text), new("subscriber", subscription.Name));
        }
    }

    public void Published(string type, string module) => _published.Add(1, new("type", type), new("module", module));

    public void Delivered(string type, string subscriber) => _delivered.Add(1, new("type", type), new("subscriber", subscriber));

    public void Failed(string type, string subscriber) => _failed.Add(1, new("type", type), new("subscriber", subscriber));

    public void DeadLettered(string type, string subscriber) => _deadLettered.Add(1, new("type", type), new("subscriber", subscriber));

    public void HandleLatency(TimeSpan latency, string subscriber) =>
        _handleLatency.Record(Math.Max(0, latency.TotalSeconds), new KeyValuePair<string, object?>("subscriber", subscriber));

    public void Claimed(string module, int deliveries) =>
        _claims.Add(1, new("module", module), new("result", deliveries == 0 ? "empty" : "work"));

    public void Lag(string subscriber, long events, double seconds) => _lag[subscriber] = (events, seconds);
}
