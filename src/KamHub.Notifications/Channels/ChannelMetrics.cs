using System.Diagnostics.Metrics;

namespace KamHub.Notifications.Channels;

/// <summary>
/// Provider attempts per channel and provider on the "KamHub.Notifications" meter (kamhub.* names, lower-case tags, as in
/// KamHub.Core.Monitoring). Named <c>provider.*</c>: the queue's own <c>kamhub.notifications.sent/failed</c> count messages
/// (one per delivery), these count what each provider did (a failover makes one failed and one sent). The meter comes from the host's <see cref="IMeterFactory"/>, so test hosts keep their own numbers.
/// </summary>
internal sealed class ChannelMetrics
{
    public const string MeterName = "KamHub.Notifications";

    private readonly Counter<long> _sent;
    private readonly Counter<long> _failed;
    private readonly Histogram<double> _duration;

    public ChannelMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _sent = meter.CreateCounter<long>("kamhub.notifications.provider.sent", "{message}", "Messages a provider accepted, per channel and provider");
        _failed = meter.CreateCounter<long>("kamhub.notifications.provider.failed", "{attempt}",
            "Provider attempts that failed, per channel, provider and kind (transient: failed over; permanent: rejected)");
        _duration = meter.CreateHistogram<double>("kamhub.notifications.provider.duration", "s", "Time one provider took to accept or fail a message",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
    }

    public void Sent(NotificationChannel channel, string provider, TimeSpan took)
    {
        _sent.Add(1, Tag("channel", channel), new("provider", provider));
        _duration.Record(took.TotalSeconds, Tag("channel", channel), new("provider", provider), new("outcome", "sent"));
    }

    public void Failed(NotificationChannel channel, string provider, bool transient, TimeSpan took)
    {
        var kind = transient ? "transient" : "permanent";
        _failed.Add(1, Tag("channel", channel), new("provider", provider), new("kind", kind));
        _duration.Record(took.TotalSeconds, Tag("channel", channel), new("provider", provider), new("outcome", kind));
    }

    private static KeyValuePair<string, object?> Tag(string key, NotificationChannel channel) => new(key, channel.ToString().ToLowerInvariant());
}
