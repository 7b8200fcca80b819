using System.Collections.Concurrent;

namespace KamHub.Engagement.Conversations.Live;

/// <summary>
/// The open live streams of this instance, by booking (ADR 0024). A change to a conversation wakes its streams, which then
/// read what is new from the database themselves: a wake carries no data, so a lost or doubled one costs nothing but a
/// query. Woken at once by a write in this process, and within <see cref="EngagementOptions.LiveFeedInterval"/> by
/// <see cref="ConversationFeed"/> for writes of other instances.
/// </summary>
internal sealed class ConversationSignals
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Subscription, byte>> _open = new();

    public bool IsEmpty => _open.IsEmpty;

    public Subscription Subscribe(Guid bookingId)
    {
        var subscription = new Subscription(this, bookingId);
        _open.GetOrAdd(bookingId, static _ => new()).TryAdd(subscription, 0);
        return subscription;
    }

    public void Wake(Guid bookingId)
    {
        if (!_open.TryGetValue(bookingId, out var streams)) return;
        foreach (var stream in streams.Keys) stream.Set();
    }

    /// <summary>More changed than the feed could tell apart: every stream looks for itself.</summary>
    public void WakeAll()
    {
        foreach (var streams in _open.Values)
            foreach (var stream in streams.Keys) stream.Set();
    }

    private void Remove(Subscription subscription)
    {
        if (!_open.TryGetValue(subscription.BookingId, out var streams)) return;
        streams.TryRemove(subscription, out _);
        // Removes the booking's entry only while it is still empty (a stream that subscribed meanwhile keeps it).
        if (streams.IsEmpty) _open.TryRemove(new KeyValuePair<Guid, ConcurrentDictionary<Subscription, byte>>(subscription.BookingId, streams));
    }

    /// <summary>One open stream. A wake that comes while the stream is busy is kept (one, not a count).</summary>
    internal sealed class Subscription(ConversationSignals owner, Guid bookingId) : IDisposable
    {
        private readonly SemaphoreSlim _pending = new(0, 1);

        public Guid BookingId { get; } = bookingId;

        /// <summary>True when woken, false when <paramref name="timeout"/> passed on <paramref name="clock"/> first.</summary>
        public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken ct)
        {
            using var timer = new CancellationTokenSource(timeout, clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, ct);
            try
            {
                await _pending.WaitAsync(linked.Token);
                return true;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return false;
            }
        }

        internal void Set()
        {
            if (_pending.CurrentCount > 0) return;
            try
            {
                _pending.Release();
            }
            catch (SemaphoreFullException)
            {
                // Woken twice at the same moment: one pending wake is all a stream needs.
            }
        }

        public void Dispose()
        {
            owner.Remove(this);
            _pending.Dispose();
        }
    }
}
