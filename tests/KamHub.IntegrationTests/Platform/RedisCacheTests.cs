using System.Net;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Platform;

/// <summary>Instances sharing Redis, and an instance whose Redis is gone.</summary>
public sealed class RedisCacheTests
{
    [Fact]
    public async Task Search_CachedByOneInstance_IsServedIdenticallyByAnotherFromRedis()
    {
        using var redis = new RedisProcess();
        using var first = new KamHubFactory().With("ConnectionStrings:Redis", redis.ConnectionString);
        using var second = new KamHubFactory().With("ConnectionStrings:Redis", redis.ConnectionString);
        const string search = "/api/tours?limit=3&sort=price";

        var computed = await (await first.CreateClient().GetAsync(search)).Content.ReadAsStringAsync();
        var fromRedis = await second.CreateClient().GetAsync(search);

        Assert.Equal(HttpStatusCode.OK, fromRedis.StatusCode);
        Assert.Equal(computed, await fromRedis.Content.ReadAsStringAsync());
        // The second instance never ran the search itself: its one lookup was a hit (from Redis, its memory was empty).
        var metrics = await second.CreateClient().GetStringAsync("/metrics");
        Assert.Contains("kamhub_cache_hits_total{otel_scope_name=\"KamHub\",region=\"search\"} 1", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("kamhub_cache_misses_total{otel_scope_name=\"KamHub\",region=\"search\"}", metrics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await second.CreateClient().GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Removal_OnOneInstance_DropsTheOtherInstancesMemoryCopy_ThroughTheBackplane()
    {
        using var redis = new RedisProcess();
        using var first = CacheNode(redis);
        using var second = CacheNode(redis);
        var writer = first.Services.GetRequiredService<HybridCache>();
        var reader = second.Services.GetRequiredService<HybridCache>();
        var key = $"search:backplane:{Guid.NewGuid():N}";
        var tagged = $"search:backplane:{Guid.NewGuid():N}";
        string[] tag = [$"backplane-test-{Guid.NewGuid():N}"];

        Assert.Equal("v1", await writer.GetOrCreateAsync(key, _ => ValueTask.FromResult("v1")));
        Assert.Equal("v1", await reader.GetOrCreateAsync(key, _ => ValueTask.FromResult("never: Redis has it")));
        await reader.SetAsync(tagged, "t1", tags: tag);

        // Without the backplane each node keeps its memory copy for the entry's whole duration (a minute or more).
        await writer.RemoveAsync(key);
        await reader.RemoveByTagAsync(tag[0]);

        Assert.Equal("v2", await PollAsync(reader, key, "v2"));
        Assert.Equal("t2", await PollAsync(writer, tagged, "t2"));
    }

    /// <summary>What <paramref name="cache"/> answers once the removal has reached it; the backplane is asynchronous.</summary>
    private static async Task<string> PollAsync(HybridCache cache, string key, string fresh)
    {
        var seen = "";
        for (var i = 0; i < 100 && seen != fresh; i++)
        {
            seen = await cache.GetOrCreateAsync(key, _ => ValueTask.FromResult(fresh));
            if (seen != fresh) await Task.Delay(50);
        }
        return seen;
    }

    private static KamHubFactory CacheNode(RedisProcess redis) => new KamHubFactory()
        .With("ConnectionStrings:Redis", redis.ConnectionString).With("KamHub:Seed:Enabled", "false").With("KamHub:Cache:Enabled", "true");

    [Fact]
    public async Task Requests_WhenRedisIsUnreachable_StillSucceed_AndReadinessNamesTheCache()
    {
        using var factory = new KamHubFactory().With("ConnectionStrings:Redis", "127.0.0.1:1");
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tours?limit=2")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tours?limit=2")).StatusCode);
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var down = (await ready.JsonAsync()).GetProperty("down").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(["cache"], down);
    }
}
