namespace KamHub.Core.Time;

/// <summary>
/// The platform's one retry backoff for work retried from a queue (event deliveries, notification deliveries):
/// exponential from <c>baseDelay</c>, capped at <c>maxDelay</c>, with jitter so that deliveries that failed together
/// (a provider or subscriber outage) are not retried in lockstep by every instance. HTTP calls retry inside Polly's
/// standard resilience handler instead (Core's OutgoingHttpDefaults).
/// </summary>
public static class RetryBackoff
{
    public static TimeSpan After(int attempts, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var exponent = Math.Min(Math.Max(attempts - 1, 0), 30);
        var raw = baseDelay.TotalMilliseconds * Math.Pow(2, exponent);
        var capped = Math.Min(raw, maxDelay.TotalMilliseconds);
        // Jitter in [0.5, 1.5), never past the cap.
#pragma warning disable CA5394 // jitter, not security
        var jittered = capped * (0.5 + Random.Shared.NextDouble());
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(Math.Min(jittered, maxDelay.TotalMilliseconds));
    }
}
