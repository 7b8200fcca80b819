using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using KamHub.Core.Monitoring;

namespace KamHub.Core.DataToolkit.Moves;

/// <summary>The mirror's lag per moving module: <c>kamhub.data_move.lag</c> (changes) and <c>kamhub.data_move.lag_age</c> (seconds).</summary>
internal sealed class MoveMetrics
{
    private readonly ConcurrentDictionary<string, (long Changes, double Seconds)> _lag = new(StringComparer.OrdinalIgnoreCase);

    public MoveMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(KamHubMetrics.MeterName);
        meter.CreateObservableGauge("kamhub.data_move.lag", () => _lag.Select(p => new Measurement<long>(p.Value.Changes, new KeyValuePair<string, object?>("module", p.Key))),
            "{change}", "Changes captured on a moving module's write side and not yet applied to its mirror");
        meter.CreateObservableGauge("kamhub.data_move.lag_age", () => _lag.Select(p => new Measurement<double>(p.Value.Seconds, new KeyValuePair<string, object?>("module", p.Key))),
            "s", "Age of the oldest unapplied change of a moving module");
    }

    public void Observe(string module, long changes, double seconds) => _lag[module] = (changes, seconds);
}
