using System.Diagnostics.Metrics;
using KamHub.Notifications.Data;

namespace KamHub.Notifications.Queue;

/// <summary>
/// Meter "KamHub.Notifications": sends and failures per channel and provider (queue side), queue depth and the wait of
/// the oldest due message. The gauges read a snapshot the worker refreshes each round, so a scrape never queries.
/// </summary>
internal sealed class NotificationMetrics
{
    public const string MeterName = "KamHub.Notifications";

    private readonly Counter<long> _sent;
    private readonly Counter<long> _failed;
    private QueueSnapshot _snapshot = new(0, TimeSpan.Zero);

    public NotificationMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _sent = meter.CreateCounter<long>("kamhub.notifications.sent", "{message}", "Messages a provider accepted.");
        _failed = meter.CreateCounter<long>("kamhub.notifications.failed", "{message}", "Send attempts that failed (outcome: retry or dead).");
        meter.CreateObservableGauge("kamhub.notifications.queue.depth", () => _snapshot.Depth, "{message}", "Messages waiting (queued or failed, due or not).");
        meter.CreateObservableGauge("kamhub.notifications.queue.oldest_age", () => _snapshot.OldestDueAge.TotalSeconds, "s",
            "How long the oldest due message has been waiting since it became due.");
        // Start at 0 per channel, so alerts on failures see a series before the first one.
        foreach (var channel in ChannelNames.All)
            foreach (var dead in new[] { false, true })
                Failed(channel, null, dead, 0);
    }

    public QueueSnapshot Snapshot => _snapshot;

    public void Sent(string channel, string? provider) =>
        _sent.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("provider", provider ?? "none"));

    public void Failed(string channel, string? provider, bool dead, long count = 1) =>
        _failed.Add(count, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("provider", provider ?? "none"),
            new KeyValuePair<string, object?>("outcome", dead ? "dead" : "retry"));

    public void Observe(QueueSnapshot snapshot) => _snapshot = snapshot;
}

internal sealed record QueueSnapshot(long Depth, TimeSpan OldestDueAge);
