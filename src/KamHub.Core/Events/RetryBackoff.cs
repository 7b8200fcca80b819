namespace KamHub.Core.Events;

/// <summary>Exponential backoff with jitter, so a failing downstream is not hammered in lockstep by every instance.</summary>
internal static class RetryBackoff
{
    public static TimeSpan After(int attempts, EventBusOptions options)
    {
        var exponent = Math.Min(Math.Max(attempts - 1, 0), 30);
        var raw = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, exponent);
        var capped = Math.Min(raw, options.MaxRetryDelay.TotalMilliseconds);
        // Jitter in [0.5, 1.5): spreads retries of deliveries that failed together.
#pragma warning disable CA5394 // not security sensitive
        var jittered = capped * (0.5 + Random.Shared.NextDouble());
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(Math.Min(jittered, options.MaxRetryDelay.TotalMilliseconds));
    }
}
