using System.Diagnostics.Metrics;
using KamHub.Core.Monitoring;

namespace KamHub.Core.Features.Evaluation;

/// <summary>
/// The flags' instruments on the "KamHub" meter: answers given per flag (how a rollout is landing) and how old this
/// instance's copy of the definitions is (alert when it grows: the instance cannot read the flags table).
/// </summary>
internal sealed class FlagMetrics
{
    private static readonly KeyValuePair<string, object?> On = new("enabled", "true");
    private static readonly KeyValuePair<string, object?> Off = new("enabled", "false");
    private readonly Counter<long> _evaluations;

    public FlagMetrics(IMeterFactory meterFactory, FlagStore store, TimeProvider clock)
    {
        var meter = meterFactory.Create(KamHubMetrics.MeterName);
        _evaluations = meter.CreateCounter<long>("kamhub.flags.evaluations", "{evaluation}", "Flag evaluations, per flag and answer");
        meter.CreateObservableGauge("kamhub.flags.read_age",
            () => store.ReadAt is { } readAt ? [new Measurement<double>((clock.GetUtcNow() - readAt).TotalSeconds)] : Array.Empty<Measurement<double>>(),
            "s", "Time since this instance last read the flag definitions");
    }

    public void Evaluated(string flag, bool enabled) => _evaluations.Add(1, new KeyValuePair<string, object?>("flag", flag), enabled ? On : Off);
}
