using System.Collections.Concurrent;

namespace KamHub.Engagement.Conversations.Live;

/// <summary>
/// How many live streams this instance holds open, in all and per user (ADR 0024): a stream holds a connection and a
/// wake-up subscription for as long as the page is open, so a script or a page opened in fifty tabs must not hold fifty,
/// and many users at once must not take every connection the process can serve. Over
/// <see cref="EngagementOptions.LiveStreamsPerUser"/> or <see cref="EngagementOptions.LiveStreamsPerInstance"/> the
/// endpoint answers 429 and the client polls instead.
/// </summary>
internal sealed class LiveStreamSlots
{
    private readonly ConcurrentDictionary<Guid, int> _open = new();
    private int _total;

    /// <summary>
    /// A slot to dispose when the stream ends (the endpoint ties it to the response), or null with the limit that refused
    /// it: the user's <paramref name="perUser"/>, or the instance's <paramref name="perInstance"/>.
    /// </summary>
    public (IDisposable? Slot, LiveStreamLimit Refused) TryTake(Guid userId, int perUser, int perInstance)
    {
        if (!TryTakeInstanceSlot(perInstance)) return (null, LiveStreamLimit.Instance);
        while (true)
        {
            var current = _open.GetOrAdd(userId, 0);
            if (current >= perUser)
            {
                Interlocked.Decrement(ref _total);
                return (null, LiveStreamLimit.User);
            }

            // Compare-and-swap: two streams opened at the same moment cannot both take the last slot.
            if (_open.TryUpdate(userId, current + 1, current)) return (new Slot(this, userId), LiveStreamLimit.None);
        }
    }

    public int OpenBy(Guid userId) => _open.TryGetValue(userId, out var n) ? n : 0;

    /// <summary>Streams open on this instance.</summary>
    public int Open => Volatile.Read(ref _total);

    private bool TryTakeInstanceSlot(int limit)
    {
        while (true)
        {
            var current = Volatile.Read(ref _total);
            if (current >= limit) return false;
            if (Interlocked.CompareExchange(ref _total, current + 1, current) == current) return true;
        }
    }

    private void Release(Guid userId)
    {
        Interlocked.Decrement(ref _total);
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

internal enum LiveStreamLimit
{
    None,
    User,
    Instance,
}
