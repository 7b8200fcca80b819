using KamHub.Core.Monitoring;

namespace KamHub.Core.Tests.Caching;

public sealed class CacheMetricsTests
{
    [Fact]
    public async Task Lookups_AreCountedAsHitsAndMissesPerRegion_OnTheMetricsEndpointText()
    {
        using var collector = new PrometheusMetricsCollector();
        using var cache = CacheFactory.Create();
        var region = "m" + Guid.NewGuid().ToString("N")[..8];
        await cache.GetOrCreateAsync(region + ":k", _ => ValueTask.FromResult(1));
        await cache.GetOrCreateAsync(region + ":k", _ => ValueTask.FromResult(1));
        await cache.GetOrCreateAsync(region + ":k", _ => ValueTask.FromResult(1));

        var text = collector.Render();
        Assert.Contains($"kamhub_cache_misses_total{{region=\"{region}\"}} 1\n", text, StringComparison.Ordinal);
        Assert.Contains($"kamhub_cache_hits_total{{region=\"{region}\"}} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE kamhub_cache_hits_total counter", text, StringComparison.Ordinal);
    }
}
