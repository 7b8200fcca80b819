using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;

namespace KamHub.Discovery.Availability;

/// <summary>
/// Cache entries to drop once the event handler's transaction has committed. The bus commits a delivery and only then
/// disposes its scope, so a reader that starts after the drop reads the committed rows. A reader that read the rows
/// just before the commit may still store them just after the drop, and with long TTLs that stale entry would stay:
/// so the entries are dropped once more <see cref="SecondDropDelay"/> later (a request that reads for longer than that
/// is far outside the normal case). A rolled-back delivery drops them too: harmless, the next read refills.
/// </summary>
internal sealed class AfterCommitInvalidation(HybridCache cache, ILogger<AfterCommitInvalidation> logger) : IAsyncDisposable
{
    private readonly HashSet<string> _keys = [];
    private readonly HashSet<string> _tags = [];

    public void Key(string key) => _keys.Add(key);

    public void Tag(string tag) => _tags.Add(tag);

    internal static readonly TimeSpan SecondDropDelay = TimeSpan.FromSeconds(2);

    public async ValueTask DisposeAsync()
    {
        if (_keys.Count + _tags.Count == 0) return;
        string[] keys = [.. _keys], tags = [.. _tags];
        await DropAsync(keys, tags);
        _ = DropAgainLaterAsync(keys, tags);
    }

    /// <summary>Real time, not the app's clock: it covers requests in flight right now.</summary>
    private async Task DropAgainLaterAsync(string[] keys, string[] tags)
    {
        await Task.Delay(SecondDropDelay);
        await DropAsync(keys, tags);
    }

    private async Task DropAsync(string[] keys, string[] tags)
    {
        try
        {
            foreach (var key in keys) await cache.RemoveAsync(key);
            foreach (var tag in tags) await cache.RemoveByTagAsync(tag);
        }
        catch (ObjectDisposedException)
        {
            // The host stopped before the second drop: nothing is served from this cache any more.
        }
        catch (Exception ex)
        {
            // A cache backend failing must not fail the delivery that already committed; entries then age out by TTL.
            logger.LogWarning(ex, "Dropping {Keys} cached departure entries after an event failed", keys.Length + tags.Length);
        }
    }
}
