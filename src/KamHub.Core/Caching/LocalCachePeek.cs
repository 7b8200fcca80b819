using System.Diagnostics.CodeAnalysis;
using KamHub.Core.Monitoring;
using Microsoft.Extensions.Options;
using ZiggyCreatures.Caching.Fusion;

namespace KamHub.Core.Caching;

/// <summary>
/// A look into this node's memory only, for hot paths that make many lookups per request (a search page lays 20
/// tours' departures over its items): no factory, no L2 round trip, no tags to build. A miss says nothing; the caller
/// then goes through <see cref="Microsoft.Extensions.Caching.Hybrid.HybridCache"/> as usual. Entries it sees are the
/// ones HybridCache keeps, so invalidation (local or through the backplane) applies to both.
/// </summary>
public interface ILocalCachePeek
{
    bool TryGet<T>(string key, [MaybeNullWhen(false)] out T value);
}

internal sealed class FusionLocalCachePeek(IFusionCache cache, IOptions<CacheOptions> settings, KamHubMetrics metrics) : ILocalCachePeek
{
    private static readonly FusionCacheEntryOptions MemoryOnly = new() { SkipDistributedCacheRead = true, SkipDistributedCacheWrite = true };

    public bool TryGet<T>(string key, [MaybeNullWhen(false)] out T value)
    {
        value = default;
        if (!settings.Value.Enabled) return false;
        var found = cache.TryGet<T>(key, MemoryOnly);
        if (!found.HasValue) return false;
        metrics.CacheHit(CacheKeys.RegionOf(key));
        value = found.Value!;
        return true;
    }
}
