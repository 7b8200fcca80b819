using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KamHub.Core.Tests.Caching;

public sealed class UnreachableRedisTests
{
    [Fact]
    public async Task GetOrCreate_WhenRedisIsDown_StillAnswersAndCachesInMemory()
    {
        await using var node = CacheNode.Start("127.0.0.1:1");
        var calls = 0;

        Assert.Equal(1, await node.Cache.GetOrCreateAsync("tours:x", _ => ValueTask.FromResult(++calls)));
        Assert.Equal(1, await node.Cache.GetOrCreateAsync("tours:x", _ => ValueTask.FromResult(++calls)));
        await node.Cache.RemoveByTagAsync("region:tours");
        await node.Cache.RemoveAsync("tours:x");
    }

    [Fact]
    public async Task Health_WhenRedisIsDown_IsUnhealthy()
    {
        await using var node = CacheNode.Start("127.0.0.1:1");
        Assert.Equal(HealthStatus.Unhealthy, await node.CacheHealthAsync());
    }
}
