using KamHub.Core.Features.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KamHub.Core.Features.Evaluation;

/// <summary>
/// The flags every evaluation reads, held in memory. <see cref="FlagRefresher"/> re-reads the table every
/// RefreshInterval; a change made through this instance reloads at once. When no refresher keeps it fresh (the CLI,
/// or the first evaluation after start) a read older than three intervals reloads first, so a copy is never
/// silently old. A failed read keeps the last copy (logged) and is not retried before the next interval.
/// </summary>
internal sealed class FlagStore(IServiceScopeFactory scopes, IOptions<FlagsOptions> options, TimeProvider clock, ILogger<FlagStore> logger) : IDisposable
{
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private volatile Snapshot? _current;
    private DateTimeOffset _lastFailure = DateTimeOffset.MinValue;
    private bool _failing;

    private TimeSpan Interval => options.Value.RefreshInterval;

    /// <summary>When the copy in use was read (null before the first successful read).</summary>
    public DateTimeOffset? ReadAt => _current?.ReadAt;

    public async ValueTask<FlagSet> CurrentAsync(CancellationToken ct)
    {
        var current = _current;
        var now = clock.GetUtcNow();
        if (current is not null && now - current.ReadAt <= Interval * 3) return current.Set;
        if (now - _lastFailure < Interval) return current?.Set ?? FlagSet.Empty;
        return await ReloadAsync(startedAt: now, ct);
    }

    /// <summary>Reads the table now (unless another caller's read began after <paramref name="startedAt"/>: that one is as fresh).</summary>
    public async Task<FlagSet> ReloadAsync(DateTimeOffset startedAt, CancellationToken ct)
    {
        await _reloading.WaitAsync(ct);
        try
        {
            if (_current is { } fresh && fresh.ReadAt >= startedAt) return fresh.Set;
            var readAt = clock.GetUtcNow();
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<FlagsDbContext>();
                var rows = await db.Flags.AsNoTracking().ToListAsync(ct);
                var set = new FlagSet(rows.Select(FlagRows.ToFlag));
                _current = new Snapshot(set, readAt);
                if (_failing) logger.LogInformation("Reading the feature flags works again ({Count} flags)", rows.Count);
                _failing = false;
                return set;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                _lastFailure = clock.GetUtcNow();
                // Once per outage, not once per interval (e.g. a server started before 'kamhub migrate up').
                if (!_failing) logger.LogWarning(ex, "Reading the feature flags failed; evaluations keep the copy read at {ReadAt}", _current?.ReadAt);
                _failing = true;
                return _current?.Set ?? FlagSet.Empty;
            }
        }
        finally
        {
            _reloading.Release();
        }
    }

    public Task<FlagSet> ReloadNowAsync(CancellationToken ct) => ReloadAsync(clock.GetUtcNow(), ct);

    public void Dispose() => _reloading.Dispose();

    private sealed record Snapshot(FlagSet Set, DateTimeOffset ReadAt);
}
