using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace KamHub.Identity.Login;

/// <summary>
/// Counts failed sign-ins per account and per client address in a sliding window. In memory: each instance of a
/// cluster counts on its own, which still bounds guessing to a small multiple of the limit.
/// </summary>
internal sealed class LoginThrottle(IOptionsMonitor<IdentityModuleOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    /// <summary>How long until another attempt is allowed; null when the attempt may go ahead.</summary>
    public TimeSpan? RetryAfter(string normalizedEmail, string ip)
    {
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow();
        var account = Wait(AccountKey(normalizedEmail), settings.MaxFailuresPerAccount, settings.FailureWindow, now);
        var address = Wait(IpKey(ip), settings.MaxFailuresPerIp, settings.FailureWindow, now);
        return (account, address) switch
        {
            (null, null) => null,
            ({ } a, { } b) => a > b ? a : b,
            _ => account ?? address,
        };
    }

    public void RecordFailure(string normalizedEmail, string ip)
    {
        var now = clock.GetUtcNow();
        Record(AccountKey(normalizedEmail), now);
        Record(IpKey(ip), now);
    }

    /// <summary>The account's count resets; the address's does not, or one own account would reset an attacker's budget.</summary>
    public void RecordSuccess(string normalizedEmail) => _failures.TryRemove(AccountKey(normalizedEmail), out _);

    private static string AccountKey(string normalizedEmail) => "account:" + normalizedEmail;

    private static string IpKey(string ip) => "ip:" + ip;

    private void Record(string key, DateTimeOffset now)
    {
        var queue = _failures.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
        lock (queue) queue.Enqueue(now);
    }

    private TimeSpan? Wait(string key, int limit, TimeSpan window, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var queue)) return null;
        lock (queue)
        {
            while (queue.Count > 0 && queue.Peek() + window <= now) queue.Dequeue();
            if (queue.Count == 0)
            {
                // Forget idle keys so the store does not grow with every address ever seen.
                _failures.TryRemove(new KeyValuePair<string, Queue<DateTimeOffset>>(key, queue));
                return null;
            }

            if (queue.Count < limit) return null;
            // The window frees a slot when the failure that makes the count reach the limit ages out.
            return queue.ElementAt(queue.Count - limit) + window - now;
        }
    }
}
