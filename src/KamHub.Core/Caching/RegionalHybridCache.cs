using KamHub.Core.Monitoring;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace KamHub.Core.Caching;

/// <summary>
/// What KamHub adds on top of FusionCache's HybridCache adapter: every entry is tagged with its region (so a region
/// can be dropped at once), lookups are counted as hits or misses per region, and <c>KamHub:Cache:Enabled=false</c>
/// turns caching off. A lookup is a miss when it ran the factory itself.
/// </summary>
internal sealed class RegionalHybridCache(HybridCache inner, IOptions<CacheOptions> settings, KamHubMetrics metrics) : HybridCache
{
    public override async ValueTask<T> GetOrCreateAsync<TState, T>(string key, TState state, Func<TState, CancellationToken, ValueTask<T>> factory,
        HybridCacheEntryOptions? options = null, IEnumerable<string>? tags = null, CancellationToken cancellationToken = default)
    {
        var region = CacheKeys.RegionOf(key);
        if (!settings.Value.Enabled)
        {
            metrics.CacheMiss(region);
            return await factory(state, cancellationToken);
        }

        var lookup = new Lookup<TState, T>(state, factory);
        var value = await inner.GetOrCreateAsync(key, lookup, static (l, ct) => l.RunAsync(ct), options, WithRegion(tags, region), cancellationToken);
        if (lookup.RanFactory) metrics.CacheMiss(region);
        else metrics.CacheHit(region);
        return value;
    }

    public override ValueTask SetAsync<T>(string key, T value, HybridCacheEntryOptions? options = null, IEnumerable<string>? tags = null,
        CancellationToken cancellationToken = default) =>
        inner.SetAsync(key, value, options, WithRegion(tags, CacheKeys.RegionOf(key)), cancellationToken);

    public override ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default) => inner.RemoveAsync(key, cancellationToken);

    public override ValueTask RemoveByTagAsync(string tag, CancellationToken cancellationToken = default) => inner.RemoveByTagAsync(tag, cancellationToken);

    private static string[] WithRegion(IEnumerable<string>? tags, string region) => [.. tags ?? [], CacheKeys.RegionTag(region)];

    private sealed class Lookup<TState, T>(TState state, Func<TState, CancellationToken, ValueTask<T>> factory)
    {
        public bool RanFactory { get; private set; }

        public ValueTask<T> RunAsync(CancellationToken ct)
        {
            RanFactory = true;
            return factory(state, ct);
        }
    }
}
