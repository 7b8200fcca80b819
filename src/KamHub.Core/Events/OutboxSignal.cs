using System.Collections.Concurrent;

namespace KamHub.Core.Events;

/// <summary>
/// Wakes the dispatcher loops of a module database when an outbox commit happened on it in this process, so delivery
/// follows commit within milliseconds and the other modules' loops sleep on. Polling remains for commits of other
/// instances, retries coming due, and restarts. <see cref="Notify()"/> without a module wakes every loop (admin actions).
/// </summary>
public sealed class OutboxSignal
{
    private readonly ConcurrentDictionary<Type, TaskCompletionSource> _next = new();

    /// <summary>Completes at the next notification for <paramref name="contextType"/>'s database. Take it before looking for work, so a commit in between is not missed.</summary>
    public Task Next(Type contextType) => _next.GetOrAdd(contextType, static _ => Fresh()).Task;

    /// <summary>A commit on <paramref name="contextType"/>'s database.</summary>
    public void Notify(Type contextType)
    {
        if (_next.TryGetValue(contextType, out var current) && _next.TryUpdate(contextType, Fresh(), current)) current.TrySetResult();
    }

    public void Notify()
    {
        foreach (var contextType in _next.Keys) Notify(contextType);
    }

    private static TaskCompletionSource Fresh() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
