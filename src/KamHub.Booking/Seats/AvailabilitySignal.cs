namespace KamHub.Booking.Seats;

/// <summary>In-process wake-up for <see cref="AvailabilityPublisher"/>: a seat change happened; many calls before it runs are one wake-up.</summary>
internal sealed class AvailabilitySignal
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        if (_pending.CurrentCount > 0) return;
        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Another caller signalled at the same moment: one wake-up is enough.
        }
    }

    /// <summary>True when signalled, false when the timeout passed first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _pending.WaitAsync(timeout, ct);
}
