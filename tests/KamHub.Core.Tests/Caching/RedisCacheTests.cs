using KamHub.Core.Caching;

namespace KamHub.Core.Tests.Caching;

/// <summary>Two nodes (two cache instances) sharing one real Redis.</summary>
public sealed class RedisCacheTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private (KamHubHybridCache Cache, RedisCacheTier Tier) Node()
    {
        var tier = new RedisCacheTier(new RespConnection(RedisEndpoint.Parse(redis.ConnectionString)));
        return (CacheFactory.Create(tier), tier);
    }

    [Fact]
    public async Task SecondNode_ReadsWhatTheFirstComputed_FromRedis()
    {
        var (a, _) = Node();
        var (b, _) = Node();
        var key = "tours:" + Guid.NewGuid();
        await a.GetOrCreateAsync(key, _ => ValueTask.FromResult("from-a"));
        Assert.Equal("from-a", await b.GetOrCreateAsync(key, _ => ValueTask.FromResult("from-b")));
    }

    [Fact]
    public async Task RegionInvalidation_OnOneNode_ReachesTheOtherNodesLocalCache()
    {
        var (a, _) = Node();
        var (b, _) = Node();
        var region = "r" + Guid.NewGuid().ToString("N")[..8];
        var key = region + ":list";
        await b.GetOrCreateAsync(key, _ => ValueTask.FromResult("v1"));
        Assert.Equal("v1", await b.GetOrCreateAsync(key, _ => ValueTask.FromResult("unexpected")));

        await a.RemoveRegionAsync(region);

        // Pub/sub is asynchronous: wait (bounded) for node B to observe the new generation.
        string seen = "v1";
        for (var i = 0; i < 50 && seen == "v1"; i++)
        {
            await Task.Delay(20);
            seen = await b.GetOrCreateAsync(key, _ => ValueTask.FromResult("v2"));
        }

        Assert.Equal("v2", seen);
    }

    [Fact]
    public async Task KeyRemoval_OnOneNode_DropsTheOtherNodesCopy()
    {
        var (a, _) = Node();
        var (b, _) = Node();
        var key = "tours:" + Guid.NewGuid();
        await b.GetOrCreateAsync(key, _ => ValueTask.FromResult("v1"));
        await a.RemoveAsync(key);

        string seen = "v1";
        for (var i = 0; i < 50 && seen == "v1"; i++)
        {
            await Task.Delay(20);
            seen = await b.GetOrCreateAsync(key, _ => ValueTask.FromResult("v2"));
        }

        Assert.Equal("v2", seen);
    }

    [Fact]
    public async Task Ping_WhenRedisIsUp_IsHealthy()
    {
        var (_, tier) = Node();
        Assert.True(await tier.PingAsync());
    }
}
