using System.Security.Cryptography;
using System.Text;
using KamHub.Identity.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KamHub.Identity.Login;

/// <summary>
/// Counts failed sign-ins per account and per client address in a sliding window, in the Identity database, so
/// every instance of a cluster sees the same counts. Two instances checking at the same moment may each let one
/// more attempt through; the limit still bounds guessing. Not ASP.NET Core's rate limiter: its partitions live in
/// one process's memory, and it counts requests rather than failed ones.
/// </summary>
internal sealed class LoginThrottle(IdentityDbContext db, IOptionsMonitor<IdentityModuleOptions> options, TimeProvider clock)
{
    /// <summary>Expired rows removed per recorded failure: keeps the table near the window's size, and each write cheap.</summary>
    private const int ExpiredRowsDeletedPerWrite = 100;

    /// <summary>How long until another attempt is allowed; null when the attempt may go ahead.</summary>
    public async Task<TimeSpan?> RetryAfterAsync(string normalizedEmail, string ip, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var now = Now();
        var account = await WaitAsync(AccountKey(normalizedEmail), settings.MaxFailuresPerAccount, settings.FailureWindow, now, ct);
        var address = await WaitAsync(IpKey(ip), settings.MaxFailuresPerIp, settings.FailureWindow, now, ct);
        return (account, address) switch
        {
            (null, null) => null,
            ({ } a, { } b) => a > b ? a : b,
            _ => account ?? address,
        };
    }

    public async Task RecordFailureAsync(string normalizedEmail, string ip, CancellationToken ct)
    {
        var now = Now();
        db.LoginFailures.AddRange(
            new LoginFailure { Id = Guid.CreateVersion7(), KeyHash = AccountKey(normalizedEmail), FailedAt = now },
            new LoginFailure { Id = Guid.CreateVersion7(), KeyHash = IpKey(ip), FailedAt = now });
        await db.SaveChangesAsync(ct);

        var expired = now - options.CurrentValue.FailureWindow;
        await db.LoginFailures
            .Where(f => f.FailedAt <= expired)
            .OrderBy(f => f.FailedAt)
            .Take(ExpiredRowsDeletedPerWrite)
            .ExecuteDeleteAsync(ct);
    }

    /// <summary>The account's count resets; the address's does not, or one own account would reset an attacker's budget.</summary>
    public Task RecordSuccessAsync(string normalizedEmail, CancellationToken ct)
    {
        var key = AccountKey(normalizedEmail);
        return db.LoginFailures.Where(f => f.KeyHash == key).ExecuteDeleteAsync(ct);
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    private static string AccountKey(string normalizedEmail) => Hash("account:" + normalizedEmail);

    private static string IpKey(string ip) => Hash("ip:" + ip);

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private async Task<TimeSpan?> WaitAsync(string key, int limit, TimeSpan window, DateTime now, CancellationToken ct)
    {
        var since = now - window;
        // The limit-th most recent failure in the window: when it exists the key is at its limit, and a slot frees
        // when that failure ages out of the window.
        var limitReachedAt = await db.LoginFailures
            .Where(f => f.KeyHash == key && f.FailedAt > since)
            .OrderByDescending(f => f.FailedAt)
            .Skip(limit - 1)
            .Select(f => (DateTime?)f.FailedAt)
            .FirstOrDefaultAsync(ct);
        return limitReachedAt is { } at ? at - since : null;
    }
}
