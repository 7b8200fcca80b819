using System.Collections.Concurrent;

namespace KamHub.Core.Events;

/// <summary>
/// How long each subscriber's handlers have taken lately (per chunk, a moving average), so the dispatcher shares one
/// transaction only among subscribers that are quick: a shared transaction commits when its slowest handler is done,
/// and a slow subscriber (a stalled call, a heavy projection) must not hold up the others of its module. A subscriber
/// not seen yet counts as slow until its first chunk has been timed.
/// </summary>
internal sealed class HandlerPace
{
    /// <summary>A subscriber whose chunks take less than this on average may share a transaction with others.</summary>
    internal static readonly TimeSpan QuickEnough = TimeSpan.FromMilliseconds(10);

    /// <summary>Weight of the newest chunk: a subscriber that turns slow leaves shared transactions after a chunk or two.</summary>
    private const double NewestWeight = 0.5;

    private readonly ConcurrentDictionary<string, double> _averageMs = new(StringComparer.Ordinal);

    public bool IsQuick(string subscriber) => _averageMs.TryGetValue(subscriber, out var ms) && ms < QuickEnough.TotalMilliseconds;

    public void Record(string subscriber, TimeSpan elapsed) =>
        _averageMs.AddOrUpdate(subscriber, elapsed.TotalMilliseconds, (_, average) => average + NewestWeight * (elapsed.TotalMilliseconds - average));
}
