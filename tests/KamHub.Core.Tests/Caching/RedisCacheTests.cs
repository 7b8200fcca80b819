using KamHub.Core.Caching;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KamHub.Core.Tests.Caching;

/// <summary>Two nodes (two cache instances) sharing one real Redis.</summary>
public sealed class RedisCacheTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task SecondNode_ReadsWhatTheFirstComputed_FromRedis()
    {
        await using var a = CacheNode.Start(redis.ConnectionString);
        await using var b = CacheNode.Start(redis.ConnectionString);
        var key = "tours:" + Guid.NewGuid();
        await a.Cache.GetOrCreateAsync(key, _ => ValueTask.FromResult("from-a"));
        Assert.Equal("from-a", await b.Cache.GetOrCreateAsync(key, _ => ValueTask.FromResult("from-b")));
    }

    [Fact]
    public async Task RegionInvalidation_OnOneNode_ReachesTheOtherNodesLocalCache()
    {
        await using var a = CacheNode.Start(redis.ConnectionString);
        await using var b = CacheNode.Start(redis.ConnectionString);
        var region = "r" + Guid.NewGuid().ToString("N")[..8];
        var key = region + ":list";
        await b.Cache.GetOrCreateAsync(key, _ => ValueTask.FromResult("v1"));
        Assert.Equal("v1", await b.Cache.GetOrCreateAsync(key, _ => ValueTask.FromResult("unexpected")));

        await a.Cache.RemoveByTagAsync(CacheKeys.RegionTag(region));

        Assert.Equal("v2", await EventuallyAsync(() => b.Cache.GetOrCreateAsync(key, _ => ValueTask.FromResult("v2")), "v1"));
    }

    [Fact]
    public async Task KeyRemoval_OnOneNode_DropsTheOtherNodesCopy()
    {
        await using var a = CacheNode.Start(redis.ConnectionString);
        await using var b = CacheNode.Start(redis.ConnectionString);
        var key = "tours:" + Guid.NewGuid();
        await b.Cache.GetOrCreateAsync(key, _ => ValueTask.FromResult("v1"));

        await a.Cache.RemoveAsync(key);

        Assert.Equal("v2", await EventuallyAsync(() => b.Cache.GetOrCreateAsync(key, _ => ValueTask.FromResult("v2")), "v1"));
    }

    [Fact]
    public async Task GetOrCreate_ManyConcurrentMissesAcrossTwoNodes_EachNodeRunsTheFactoryAtMostOnce()
    {
        await using var a = CacheNode.Start(redis.ConnectionString);
        await using var b = CacheNode.Start(redis.ConnectionString);
        var key = "search:" + Guid.NewGuid();
        var calls = 0;
        var gate = new TaskCompletionSource();
        async ValueTask<int> Factory(CancellationToken _)
        {
            Interlocked.Increment(ref calls);
            await gate.Task;
            return 7;
        }

        var lookups = Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? a : b).Cache.GetOrCreateAsync(key, Factory).AsTask()).ToList();
        gate.SetResult();

        Assert.All(await Task.WhenAll(lookups), v => Assert.Equal(7, v));
        Assert.InRange(calls, 1, 2);
    }

    [Fact]
    public async Task Health_WhenRedisIsUp_IsHealthy()
    {
        await using var node = CacheNode.Start(redis.ConnectionString);
        Assert.Equal(HealthStatus.Healthy, await node.CacheHealthAsync());
    }

    /// <summary>Pub/sub is asynchronous: asks again (bounded) until the answer moves on from <paramref name="stale"/>.</summary>
    private static async Task<string> EventuallyAsync(Func<ValueTask<string>> read, string stale)
    {
        var seen = stale;
        for (var i = 0; i < 100 && seen == stale; i++)
        {
            await Task.Delay(20);
            seen = await read();
        }

        return seen;
    }
}
