using KamHub.Core.Caching;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.Core.Tests.Caching;

public sealed class ScopedCacheLookupTests
{
    [Fact]
    public async Task GetOrCreateScopedAsync_WhenTheCallersScopeEndsWhileTheFactoryRuns_TheFactoryKeepsLiveServicesOfItsOwn()
    {
        await using var services = Services();
        var cache = services.GetRequiredService<HybridCache>();
        var release = new TaskCompletionSource();
        Probe? used = null;
        var disposedWhileUsed = true;

        Task<string> lookup;
        Probe callers;
        await using (var request = services.CreateAsyncScope())
        {
            callers = request.ServiceProvider.GetRequiredService<Probe>();
            lookup = cache.GetOrCreateScopedAsync("tours:k", services.GetRequiredService<IServiceScopeFactory>(), 0,
                async (Probe probe, int _, CancellationToken _) =>
                {
                    used = probe;
                    await release.Task;
                    disposedWhileUsed = probe.Disposed;
                    return "value";
                }).AsTask();
        }

        release.SetResult();

        Assert.Equal("value", await lookup);
        Assert.True(callers.Disposed);
        Assert.NotSame(callers, used);
        Assert.False(disposedWhileUsed);
        Assert.True(used!.Disposed);
    }

    private static ServiceProvider Services()
    {
        var services = new ServiceCollection().AddLogging().AddMetrics().AddSingleton(TimeProvider.System).AddScoped<Probe>();
        services.AddKamHubCache(new ConfigurationBuilder().Build());
        return services.BuildServiceProvider();
    }

    private sealed class Probe : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}
