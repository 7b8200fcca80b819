using KamHub.Core.Caching;

namespace KamHub.Core.Tests.Caching;

public sealed class UnreachableRedisTests
{
    [Fact]
    public async Task GetOrCreate_WhenRedisIsDown_StillAnswersFromTheFactory()
    {
        var tier = new RedisCacheTier(new RespConnection(RedisEndpoint.Parse("127.0.0.1:1")));
        using var cache = CacheFactory.Create(tier);
        Assert.Equal("db", await cache.GetOrCreateAsync("tours:x", _ => ValueTask.FromResult("db")));
        Assert.False(await tier.PingAsync());
    }
}
