namespace KamHub.Notifications.Queue;

/// <summary>Exponential backoff with jitter, so messages that failed together (a provider outage) do not retry in lockstep.</summary>
internal static class RetrySchedule
{
    public static TimeSpan After(int attempts, NotificationsOptions options)
    {
        var exponent = Math.Min(Math.Max(attempts - 1, 0), 30);
        var raw = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, exponent);
        var capped = Math.Min(raw, options.MaxRetryDelay.TotalMilliseconds);
#pragma warning disable CA5394 // jitter, not security
        var jittered = capped * (0.5 + Random.Shared.NextDouble());
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(Math.Min(jittered, options.MaxRetryDelay.TotalMilliseconds));
    }
}
