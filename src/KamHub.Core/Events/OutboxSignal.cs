namespace KamHub.Core.Events;

/// <summary>
/// Wakes every dispatcher loop when an outbox commit happened in this process, so delivery follows commit within
/// milliseconds. Polling remains for commits of other instances, retries coming due, and restarts.
/// </summary>
public sealed class OutboxSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next notification. Take it before looking for work, so a commit in between is not missed.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Notify() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
