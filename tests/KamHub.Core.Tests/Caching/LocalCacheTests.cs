using KamHub.Core.Caching;

namespace KamHub.Core.Tests.Caching;

public sealed class LocalCacheTests
{
    [Fact]
    public async Task GetOrCreate_ManyConcurrentMissesOfOneKey_RunTheFactoryOnce()
    {
        await using var node = CacheNode.Start();
        var calls = 0;
        var gate = new TaskCompletionSource();

        var lookups = Enumerable.Range(0, 50).Select(_ => node.Cache.GetOrCreateAsync("search:hot", async ct =>
        {
            Interlocked.Increment(ref calls);
            await gate.Task;
            return 42;
        }).AsTask()).ToList();
        gate.SetResult();

        Assert.All(await Task.WhenAll(lookups), v => Assert.Equal(42, v));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task GetOrCreate_SecondLookup_IsServedFromCache()
    {
        await using var node = CacheNode.Start();
        var calls = 0;
        for (var i = 0; i < 3; i++) await node.Cache.GetOrCreateAsync("tours:1", _ => ValueTask.FromResult(++calls));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task RemoveByTag_MakesTaggedEntriesStale_AndLeavesOthers()
    {
        await using var node = CacheNode.Start();
        var version = 1;
        await node.Cache.GetOrCreateAsync("search:a", _ => ValueTask.FromResult(version), tags: ["tour:1"]);
        await node.Cache.GetOrCreateAsync("tours:b", _ => ValueTask.FromResult(version));

        version = 2;
        await node.Cache.RemoveByTagAsync("tour:1");

        Assert.Equal(2, await node.Cache.GetOrCreateAsync("search:a", _ => ValueTask.FromResult(version), tags: ["tour:1"]));
        Assert.Equal(1, await node.Cache.GetOrCreateAsync("tours:b", _ => ValueTask.FromResult(version)));
    }

    [Fact]
    public async Task RemoveByRegionTag_DropsEveryEntryOfThatRegionOnly()
    {
        await using var node = CacheNode.Start();
        await node.Cache.GetOrCreateAsync("search:x", _ => ValueTask.FromResult("old"));
        await node.Cache.GetOrCreateAsync("tours:y", _ => ValueTask.FromResult("old"));

        await node.Cache.RemoveByTagAsync(CacheKeys.RegionTag("search"));

        Assert.Equal("new", await node.Cache.GetOrCreateAsync("search:x", _ => ValueTask.FromResult("new")));
        Assert.Equal("old", await node.Cache.GetOrCreateAsync("tours:y", _ => ValueTask.FromResult("new")));
    }

    [Fact]
    public async Task RemoveByKey_DropsThatEntry()
    {
        await using var node = CacheNode.Start();
        await node.Cache.GetOrCreateAsync("tours:operators", _ => ValueTask.FromResult("old"));

        await node.Cache.RemoveAsync("tours:operators");

        Assert.Equal("new", await node.Cache.GetOrCreateAsync("tours:operators", _ => ValueTask.FromResult("new")));
    }

    [Fact]
    public async Task GetOrCreate_WhenRegionTtlPassed_RunsTheFactoryAgain_WhileOtherRegionsKeepTheirs()
    {
        await using var node = CacheNode.Start(settings: ("KamHub:Cache:Regions:brief:TtlSeconds", "1"));
        var calls = 0;
        await node.Cache.GetOrCreateAsync("brief:k", _ => ValueTask.FromResult(++calls));
        await node.Cache.GetOrCreateAsync("long:k", _ => ValueTask.FromResult(++calls));
        await Task.Delay(1300);

        Assert.Equal(3, await node.Cache.GetOrCreateAsync("brief:k", _ => ValueTask.FromResult(++calls)));
        Assert.Equal(2, await node.Cache.GetOrCreateAsync("long:k", _ => ValueTask.FromResult(++calls)));
    }

    [Fact]
    public async Task GetOrCreate_WhenCacheDisabled_AlwaysRunsTheFactory()
    {
        await using var node = CacheNode.Start(settings: ("KamHub:Cache:Enabled", "false"));
        var calls = 0;
        for (var i = 0; i < 3; i++) await node.Cache.GetOrCreateAsync("search:k", _ => ValueTask.FromResult(++calls));
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task GetOrCreate_WhenTheFactoryFailsAfterExpiry_AnswersWithTheLastValue()
    {
        await using var node = CacheNode.Start(settings: ("KamHub:Cache:Regions:brief:TtlSeconds", "1"));
        await node.Cache.GetOrCreateAsync("brief:k", _ => ValueTask.FromResult("last good"));
        await Task.Delay(1300);

        var answer = await node.Cache.GetOrCreateAsync<string>("brief:k", _ => throw new InvalidOperationException("database down"));

        Assert.Equal("last good", answer);
    }

    [Fact]
    public async Task Health_WhenNoRedisConfigured_IsHealthy()
    {
        await using var node = CacheNode.Start();
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, await node.CacheHealthAsync());
    }

    [Fact]
    public async Task Invalidation_RacingWithAFactory_LeavesTheEntryStale()
    {
        await using var node = CacheNode.Start();
        var inFactory = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var pending = node.Cache.GetOrCreateAsync("search:race", async _ =>
        {
            inFactory.SetResult();
            await release.Task;
            return "computed-before-invalidation";
        }).AsTask();
        await inFactory.Task;
        await node.Cache.RemoveByTagAsync(CacheKeys.RegionTag("search"));
        release.SetResult();
        await pending;

        Assert.Equal("fresh", await node.Cache.GetOrCreateAsync("search:race", _ => ValueTask.FromResult("fresh")));
    }
}
