using System.Collections.Concurrent;

namespace KamHub.Core.Events;

/// <summary>
/// Wakes a dispatcher loop of a module database when an outbox commit happened on it in this process, so delivery
/// follows commit within milliseconds and the other modules' loops sleep on. Polling remains for commits of other
/// instances, retries coming due, and restarts. <see cref="Notify()"/> without a module wakes every module (admin actions).
/// One notification wakes one loop, not all of them: a commit of a few events is one claim's work, and every extra
/// loop woken for it ran the claim (the bus's most expensive statement) to find nothing; at 1,000 events/s in 50
/// commits that was three claims in four, most of PostgreSQL's CPU. A loop whose claim came back full wakes the next
/// (<see cref="EventDispatcher"/>), so a burst still spreads over every loop.
/// </summary>
public sealed class OutboxSignal
{
    private readonly ConcurrentDictionary<Type, Wake> _wakes = new();

    /// <summary>
    /// Waits for a notification for <paramref name="contextType"/>'s database (cancel it to stop waiting: a cancelled
    /// wait takes nothing). A notification that came while no loop was waiting is kept (one, not a count), so a commit
    /// made while every loop was busy claiming is not missed.
    /// </summary>
    public Task WaitAsync(Type contextType, CancellationToken ct) => For(contextType).Pending.WaitAsync(ct);

    /// <summary>Completes at the next notification for <paramref name="contextType"/>'s database (observes, wakes nobody).</summary>
    public Task Next(Type contextType) => For(contextType).Observed.Task;

    /// <summary>A commit on <paramref name="contextType"/>'s database.</summary>
    public void Notify(Type contextType)
    {
        var wake = For(contextType);
        if (wake.Pending.CurrentCount == 0)
        {
            try
            {
                wake.Pending.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another commit set it at the same moment: one pending notification is all a loop needs.
            }
        }

        var observed = wake.Observed;
        if (Interlocked.CompareExchange(ref wake.Observed, Fresh(), observed) == observed) observed.TrySetResult();
    }

    public void Notify()
    {
        foreach (var contextType in _wakes.Keys) Notify(contextType);
    }

    private Wake For(Type contextType) => _wakes.GetOrAdd(contextType, static _ => new Wake());

    private static TaskCompletionSource Fresh() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Wake
    {
        public readonly SemaphoreSlim Pending = new(0, 1);

        public TaskCompletionSource Observed = Fresh();
    }
}
