using System.Collections.Concurrent;
using ZiggyCreatures.Caching.Fusion;

namespace KamHub.Core.Caching;

/// <summary>Gives every "region:rest" key the TTL of its region (<c>KamHub:Cache:Regions:&lt;region&gt;:TtlSeconds</c>).</summary>
internal sealed class RegionEntryOptionsProvider(CacheOptions options) : FusionCacheEntryOptionsProvider
{
    private readonly ConcurrentDictionary<string, FusionCacheEntryOptions> _byRegion = new(StringComparer.OrdinalIgnoreCase);

    public override FusionCacheEntryOptions? GetEntryOptions(FusionCacheEntryOptionsProviderContext ctx, string key, out bool canMutate)
    {
        // Returned instances are shared between calls, so FusionCache must copy before changing one.
        canMutate = false;
        return _byRegion.GetOrAdd(CacheKeys.RegionOf(key), static (region, state) =>
        {
            var entry = state.ctx.DuplicateDefaultEntryOptions();
            entry.Duration = state.options.TtlFor(region);
            return entry;
        }, (ctx, options));
    }
}
