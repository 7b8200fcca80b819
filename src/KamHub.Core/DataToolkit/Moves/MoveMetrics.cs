using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using KamHub.Core.Monitoring;

namespace KamHub.Core.DataToolkit.Moves;

/// <summary>
/// The mirror's lag per moving module: <c>kamhub.data_move.lag</c> (changes) and <c>kamhub.data_move.lag_age</c> (seconds);
/// the shadow reads' compared rows: <c>kamhub.data_move.shadow_rows</c>.
/// </summary>
internal sealed class MoveMetrics
{
    private readonly ConcurrentDictionary<string, (long Changes, double Seconds)> _lag = new(StringComparer.OrdinalIgnoreCase);

    private readonly Counter<long> _shadowRows;

    public MoveMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(KamHubMetrics.MeterName);
        _shadowRows = meter.CreateCounter<long>("kamhub.data_move.shadow_rows", "{row}",
            "Rows of sampled reads compared on both databases of a move, per module and result (equal, mismatch, unsettled)");
        meter.CreateObservableGauge("kamhub.data_move.lag", () => _lag.Select(p => new Measurement<long>(p.Value.Changes, new KeyValuePair<string, object?>("module", p.Key))),
            "{change}", "Changes captured on a moving module's write side and not yet applied to its mirror");
        meter.CreateObservableGauge("kamhub.data_move.lag_age", () => _lag.Select(p => new Measurement<double>(p.Value.Seconds, new KeyValuePair<string, object?>("module", p.Key))),
            "s", "Age of the oldest unapplied change of a moving module");
    }

    public void ShadowRows(string module, long equal, long mismatches, long unsettled)
    {
        var tag = new KeyValuePair<string, object?>("module", module);
        if (equal > 0) _shadowRows.Add(equal, tag, new KeyValuePair<string, object?>("result", "equal"));
        if (mismatches > 0) _shadowRows.Add(mismatches, tag, new KeyValuePair<string, object?>("result", "mismatch"));
        if (unsettled > 0) _shadowRows.Add(unsettled, tag, new KeyValuePair<string, object?>("result", "unsettled"));
    }

    public void Observe(string module, long changes, double seconds) => _lag[module] = (changes, seconds);
}
