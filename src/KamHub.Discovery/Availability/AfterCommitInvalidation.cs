using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;

namespace KamHub.Discovery.Availability;

/// <summary>
/// Cache entries to drop once the event handler's transaction has committed. The bus commits a delivery and only then
/// disposes its scope, so dropping here (not inside the handler) leaves no moment in which a reader could cache the
/// pre-commit rows again after the drop. A rolled-back delivery drops them too: harmless, the next read refills.
/// </summary>
internal sealed class AfterCommitInvalidation(HybridCache cache, ILogger<AfterCommitInvalidation> logger) : IAsyncDisposable
{
    private readonly HashSet<string> _keys = [];
    private readonly HashSet<string> _tags = [];

    public void Key(string key) => _keys.Add(key);

    public void Tag(string tag) => _tags.Add(tag);

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var key in _keys) await cache.RemoveAsync(key);
            foreach (var tag in _tags) await cache.RemoveByTagAsync(tag);
        }
        catch (Exception ex)
        {
            // A cache backend failing must not fail the delivery that already committed; entries then age out by TTL.
            logger.LogWarning(ex, "Dropping {Keys} cached departure entries after an event failed", _keys.Count + _tags.Count);
        }
    }
}
