using System.Collections.Concurrent;

namespace KamHub.Engagement.Conversations.Live;

/// <summary>
/// How many live streams each user holds open on this instance (ADR 0024): a stream holds a connection and a wake-up
/// subscription for as long as the page is open, so a script or a page opened in fifty tabs must not hold fifty.
/// Over <see cref="EngagementOptions.LiveStreamsPerUser"/> the endpoint answers 429 and the client polls instead.
/// </summary>
internal sealed class LiveStreamSlots
{
    private readonly ConcurrentDictionary<Guid, int> _open = new();

    /// <summary>A slot to dispose when the stream ends (the endpoint ties it to the response), or null when the user holds <paramref name="limit"/>.</summary>
    public IDisposable? TryTake(Guid userId, int limit)
    {
        while (true)
        {
            var current = _open.GetOrAdd(userId, 0);
            if (current >= limit) return null;
            // Compare-and-swap: two streams opened at the same moment cannot both take the last slot.
            if (_open.TryUpdate(userId, current + 1, current)) return new Slot(this, userId);
        }
    }

    public int OpenBy(Guid userId) => _open.TryGetValue(userId, out var n) ? n : 0;

    private void Release(Guid userId)
    {
        while (_open.TryGetValue(userId, out var current))
        {
            if (!_open.TryUpdate(userId, current - 1, current)) continue;
            // Drops the user's entry only while it is still 0 (a stream taken meanwhile keeps it).
            if (current == 1) _open.TryRemove(new KeyValuePair<Guid, int>(userId, 0));
            return;
        }
    }

    private sealed class Slot(LiveStreamSlots owner, Guid userId) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) owner.Release(userId);
        }
    }
}
