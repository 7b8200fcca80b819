using KamHub.Core.Caching;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KamHub.Core.Tests.Caching;

internal static class CacheFactory
{
    public static KamHubHybridCache Create(IRemoteCacheTier? remote = null, Action<CacheOptions>? configure = null)
    {
        var options = new CacheOptions();
        configure?.Invoke(options);
        return new KamHubHybridCache(Options.Create(options), TimeProvider.System, NullLogger<KamHubHybridCache>.Instance, remote);
    }
}
