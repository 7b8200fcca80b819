using System.Collections.Concurrent;

namespace KamHub.Core.DataToolkit.Moves;

/// <summary>
/// "A user always sees their own writes" while reads switch: per caller key, when this instance last finished a write
/// request of theirs. Their reads stay on the write side until the mirror has caught up past that instant
/// (<see cref="MoveRoute.CaughtUpAt"/>). Per instance: a caller whose next read reaches another instance is covered only
/// by that instance's knowledge (ADR 0014 says why that is accepted).
/// </summary>
internal sealed class RecentWriters(TimeProvider clock)
{
    private static readonly TimeSpan Forget = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, DateTime> _lastWrite = new(StringComparer.Ordinal);

    public void Wrote(string key)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        _lastWrite.AddOrUpdate(key, now, (_, old) => old > now ? old : now);
        if (_lastWrite.Count > 100_000) Prune(now);
    }

    /// <summary>True when the caller wrote here after <paramref name="caughtUpAt"/> (so the mirror may not have it yet).</summary>
    public bool AheadOfMirror(string key, DateTime? caughtUpAt) =>
        _lastWrite.TryGetValue(key, out var wrote) && (caughtUpAt is null || wrote >= caughtUpAt.Value);

    private void Prune(DateTime now)
    {
        foreach (var (key, at) in _lastWrite)
        {
            if (now - at > Forget) _lastWrite.TryRemove(key, out _);
        }
    }
}
