using KamHub.Core.Caching;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.Core.Tests.Caching;

public sealed class LocalCachePeekTests
{
    [Fact]
    public async Task TryGet_SeesWhatHybridCacheKeeps_TheSameInstance_UntilItIsRemoved()
    {
        await using var node = CacheNode.Start();
        var peek = node.Services.GetRequiredService<ILocalCachePeek>();
        var kept = await node.Cache.GetOrCreateAsync("departures:t1", _ => ValueTask.FromResult(new List<int> { 1, 2 }));

        var before = peek.TryGet<List<int>>("departures:t1", out var seen);
        await node.Cache.RemoveAsync("departures:t1");
        var after = peek.TryGet<List<int>>("departures:t1", out _);

        Assert.True(before);
        Assert.Same(kept, seen);
        Assert.False(after);
        Assert.False(peek.TryGet<List<int>>("departures:never", out _));
    }

    [Fact]
    public async Task TryGet_WhenCachingIsOff_NeverAnswers()
    {
        await using var node = CacheNode.Start(null, ("KamHub:Cache:Enabled", "false"));
        var peek = node.Services.GetRequiredService<ILocalCachePeek>();
        await node.Cache.GetOrCreateAsync("departures:t1", _ => ValueTask.FromResult(new List<int> { 1 }));

        Assert.False(peek.TryGet<List<int>>("departures:t1", out _));
    }
}
