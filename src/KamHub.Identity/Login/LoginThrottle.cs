using System.Security.Cryptography;
using System.Text;
using KamHub.Core.Security;
using KamHub.Identity.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KamHub.Identity.Login;

/// <summary>
/// Counts failed sign-ins in a sliding window, in the Identity database, so every instance of a cluster sees the same
/// counts. Not ASP.NET Core's rate limiter (that one limits request volume per address, in one process's memory): this
/// counts failed passwords, cluster-wide. Three keys per attempt:
/// <list type="bullet">
/// <item>(account, client address): a few free failures, then growing waits (doubling from FirstDelay up to MaxDelay)
/// since that pair's last failure. Only the failing client waits.</item>
/// <item>account, from all addresses: past MaxFailuresPerAccount, addresses that already failed on the account are
/// refused until the window frees a slot; an address that has not failed on it is still checked, so the owner is never
/// locked out by someone else's guesses, and a spread-out guesser gets one guess per address per window.</item>
/// <item>client address, across accounts: MaxFailuresPerIp (credential stuffing from one address).</item>
/// </list>
/// <para>
/// An attempt reserves its failure rows (committed) <em>before</em> the password is checked, so requests in flight at
/// the same moment, on one instance or several, cannot all pass a check that none of them has recorded yet. Reserving
/// and counting happen in one transaction that is serialized per key (SQLite has one writer; on PostgreSQL an advisory
/// lock per key hash): the k-th attempt sees exactly the k-1 reservations before it, so exactly the limit get through.
/// Counting after a separate commit was safe but not live: 40 parallel guesses could all see 40 rows and all be
/// refused, locking the account without a single password checked.
/// </para>
/// </summary>
internal sealed class LoginThrottle(
    IdentityDbContext db,
    IOptionsMonitor<IdentityModuleOptions> options,
    TimeProvider clock,
    SigningKeyProvider keys,
    ILogger<LoginThrottle> logger)
{
    /// <summary>Expired rows removed per recorded failure: keeps the table near the window's size, and each write cheap.</summary>
    private const int ExpiredRowsDeletedPerWrite = 100;

    /// <summary>
    /// Reserves the attempt for the account, the address and the pair. Returns how long until another attempt is
    /// allowed (the reservation is then withdrawn), or null with the attempt reserved.
    /// </summary>
    public async Task<(LoginAttempt? Attempt, TimeSpan? RetryAfter)> BeginAsync(string normalizedEmail, string ip, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var now = Now();
        var attempt = new LoginAttempt(
            new LoginFailure { Id = Guid.CreateVersion7(), KeyHash = AccountKey(normalizedEmail), FailedAt = now },
            new LoginFailure { Id = Guid.CreateVersion7(), KeyHash = IpKey(ip), FailedAt = now },
            new LoginFailure { Id = Guid.CreateVersion7(), KeyHash = PairKey(normalizedEmail, ip), FailedAt = now });

        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (db.Database.IsNpgsql()) await LockKeysAsync(attempt, ct);
            // On SQLite this first write takes the database's write lock, which serializes the count below.
            db.LoginFailures.AddRange(attempt.Account, attempt.Address, attempt.Pair);
            await db.SaveChangesAsync(ct);

            var (pairFailures, pair) = await PairWaitAsync(attempt.Pair.KeyHash, settings, now, ct);
            // The account-wide ceiling holds back only clients that already failed on this account.
            var account = pairFailures > 0 ? await WaitAsync(attempt.Account.KeyHash, settings.MaxFailuresPerAccount, settings.FailureWindow, now, ct) : null;
            var address = await WaitAsync(attempt.Address.KeyHash, settings.MaxFailuresPerIp, settings.FailureWindow, now, ct);
            var wait = new[] { pair, account, address }.Max();
            if (wait is null)
            {
                await transaction.CommitAsync(ct);
                return (attempt, null);
            }

            // A refused attempt is not a failure: it must not push the lock further out.
            await transaction.RollbackAsync(CancellationToken.None);
            db.Entry(attempt.Account).State = EntityState.Detached;
            db.Entry(attempt.Address).State = EntityState.Detached;
            db.Entry(attempt.Pair).State = EntityState.Detached;
            return (null, wait);
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }
    }

    /// <summary>The reservation stays as the failure; expired rows of everyone are trimmed, best effort.</summary>
    public async Task RecordFailureAsync(CancellationToken ct)
    {
        var expired = Now() - options.CurrentValue.FailureWindow;
        try
        {
            await db.LoginFailures
                .Where(f => f.FailedAt <= expired)
                .OrderBy(f => f.FailedAt)
                .Take(ExpiredRowsDeletedPerWrite)
                .ExecuteDeleteAsync(ct);
        }
        catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
        {
            // Housekeeping only: a busy database must not turn a wrong password into a 500.
            logger.LogWarning(ex, "Trimming expired login failures failed; the next failure retries");
        }
    }

    /// <summary>
    /// This client's count on this account starts afresh. The account's failures from other addresses stay (the owner
    /// signing in must not reset a guesser's budget), and so do the address's on other accounts (nor may an attacker's
    /// own account reset theirs).
    /// </summary>
    public async Task RecordSuccessAsync(LoginAttempt attempt, CancellationToken ct)
    {
        var pair = attempt.Pair.KeyHash;
        Guid[] reservations = [attempt.Account.Id, attempt.Address.Id];
        await db.LoginFailures.Where(f => f.KeyHash == pair || reservations.Contains(f.Id)).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// Held until the transaction ends. Both keys are taken in one statement, in a fixed order, so two attempts that
    /// share one of them cannot deadlock.
    /// </summary>
    private Task LockKeysAsync(LoginAttempt attempt, CancellationToken ct)
    {
        string[] keys = [.. new[] { attempt.Account.KeyHash, attempt.Address.KeyHash }.Order(StringComparer.Ordinal)];
        return db.Database.ExecuteSqlAsync(
            $"SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest({keys}) WITH ORDINALITY AS t(k, n) ORDER BY n",
            ct);
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    private string AccountKey(string normalizedEmail) => Hash("account:" + normalizedEmail);

    private string IpKey(string ip) => Hash("ip:" + ip);

    private string PairKey(string normalizedEmail, string ip) => Hash("pair:" + ip + "|" + normalizedEmail);

    /// <summary>Keyed, so the stored hashes cannot be reversed by hashing every IPv4 address or a list of emails.</summary>
    private string Hash(string key) => Convert.ToHexStringLower(HMACSHA256.HashData(keys.Key.Key, Encoding.UTF8.GetBytes(key)));

    /// <summary>
    /// The pair's failures before this attempt, and the wait still owed: none for the first FreeFailuresPerClient, then
    /// FirstDelay after the latest failure, doubling with each further one up to MaxDelay.
    /// </summary>
    private async Task<(int Failures, TimeSpan? Wait)> PairWaitAsync(string key, IdentityModuleOptions settings, DateTime now, CancellationToken ct)
    {
        var since = now - settings.FailureWindow;
        // Newest first, this attempt's own reservation (stamped now, the latest) among them; enough rows to see the latest other one.
        var times = await db.LoginFailures
            .Where(f => f.KeyHash == key && f.FailedAt > since)
            .OrderByDescending(f => f.FailedAt)
            .Select(f => f.FailedAt)
            .ToListAsync(ct);
        var failures = times.Count - 1;
        if (failures < settings.FreeFailuresPerClient) return (failures, null);

        var doubled = settings.FirstDelay.TotalSeconds * Math.Pow(2, failures - settings.FreeFailuresPerClient);
        var delay = TimeSpan.FromSeconds(Math.Min(doubled, settings.MaxDelay.TotalSeconds));
        var wait = times[1] + delay - now;
        // Or sooner, when enough of the pair's failures leave the window to make the next attempt a free one again.
        var agedOut = times[settings.FreeFailuresPerClient] + settings.FailureWindow - now;
        if (agedOut < wait) wait = agedOut;
        return (failures, wait > TimeSpan.Zero ? wait : null);
    }

    private async Task<TimeSpan?> WaitAsync(string key, int limit, TimeSpan window, DateTime now, CancellationToken ct)
    {
        var since = now - window;
        // The attempt's own reservation is among the rows. When a (limit+1)-th most recent row exists the key is past
        // its limit, and a slot frees when that row (the limit-th failure before this attempt) ages out of the window.
        var limitReachedAt = await db.LoginFailures
            .Where(f => f.KeyHash == key && f.FailedAt > since)
            .OrderByDescending(f => f.FailedAt)
            .Skip(limit)
            .Select(f => (DateTime?)f.FailedAt)
            .FirstOrDefaultAsync(ct);
        return limitReachedAt is { } at ? at - since : null;
    }
}

/// <summary>The failure rows one sign-in attempt reserved: for the account, the client address and the pair of both.</summary>
internal sealed record LoginAttempt(LoginFailure Account, LoginFailure Address, LoginFailure Pair);
