using KamHub.Core.Caching;

namespace KamHub.Core.Tests.Caching;

public sealed class LocalCacheTests
{
    [Fact]
    public async Task GetOrCreate_ManyConcurrentMissesOfOneKey_RunTheFactoryOnce()
    {
        using var cache = CacheFactory.Create();
        var calls = 0;
        var gate = new TaskCompletionSource();

        var lookups = Enumerable.Range(0, 50).Select(_ => cache.GetOrCreateAsync("search:hot", async ct =>
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
        using var cache = CacheFactory.Create();
        var calls = 0;
        for (var i = 0; i < 3; i++) await cache.GetOrCreateAsync("tours:1", _ => ValueTask.FromResult(++calls));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task RemoveByTag_MakesTaggedEntriesStale_AndLeavesOthers()
    {
        using var cache = CacheFactory.Create();
        var version = 1;
        await cache.GetOrCreateAsync("search:a", _ => ValueTask.FromResult(version), tags: ["tour:1"]);
        await cache.GetOrCreateAsync("tours:b", _ => ValueTask.FromResult(version));

        version = 2;
        await cache.RemoveByTagAsync("tour:1");

        Assert.Equal(2, await cache.GetOrCreateAsync("search:a", _ => ValueTask.FromResult(version), tags: ["tour:1"]));
        Assert.Equal(1, await cache.GetOrCreateAsync("tours:b", _ => ValueTask.FromResult(version)));
    }

    [Fact]
    public async Task RemoveRegion_DropsEveryEntryOfThatRegionOnly()
    {
        using var cache = CacheFactory.Create();
        await cache.GetOrCreateAsync("search:x", _ => ValueTask.FromResult("old"));
        await cache.GetOrCreateAsync("tours:y", _ => ValueTask.FromResult("old"));

        await cache.RemoveRegionAsync("search");

        Assert.Equal("new", await cache.GetOrCreateAsync("search:x", _ => ValueTask.FromResult("new")));
        Assert.Equal("old", await cache.GetOrCreateAsync("tours:y", _ => ValueTask.FromResult("new")));
    }

    [Fact]
    public async Task GetOrCreate_WhenRegionTtlPassed_RunsTheFactoryAgain()
    {
        using var cache = CacheFactory.Create(configure: o => o.Regions["brief"] = new CacheRegionOptions { TtlSeconds = 1 });
        var calls = 0;
        await cache.GetOrCreateAsync("brief:k", _ => ValueTask.FromResult(++calls));
        await Task.Delay(1300);
        await cache.GetOrCreateAsync("brief:k", _ => ValueTask.FromResult(++calls));
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task GetOrCreate_WhenCacheDisabled_AlwaysRunsTheFactory()
    {
        using var cache = CacheFactory.Create(configure: o => o.Enabled = false);
        var calls = 0;
        for (var i = 0; i < 3; i++) await cache.GetOrCreateAsync("search:k", _ => ValueTask.FromResult(++calls));
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task Invalidation_RacingWithAFactory_LeavesTheEntryStale()
    {
        using var cache = CacheFactory.Create();
        var inFactory = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var pending = cache.GetOrCreateAsync("search:race", async _ =>
        {
            inFactory.SetResult();
            await release.Task;
            return "computed-before-invalidation";
        }).AsTask();
        await inFactory.Task;
        await cache.RemoveRegionAsync("search");
        release.SetResult();
        await pending;

        Assert.Equal("fresh", await cache.GetOrCreateAsync("search:race", _ => ValueTask.FromResult("fresh")));
    }
}
