using KamHub.Core.Caching;
using KamHub.Core.Monitoring;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KamHub.Core.Tests.Caching;

/// <summary>One application node's cache, registered exactly as the host registers it.</summary>
internal sealed class CacheNode : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private CacheNode(ServiceProvider services)
    {
        _services = services;
        Cache = services.GetRequiredService<HybridCache>();
    }

    public HybridCache Cache { get; }

    public IServiceProvider Services => _services;

    public static CacheNode Start(string? redis = null, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))
                .Append(new KeyValuePair<string, string?>("ConnectionStrings:Redis", redis)))
            .Build();
        var services = new ServiceCollection().AddLogging().AddMetrics().AddSingleton(TimeProvider.System);
        services.AddKamHubCache(configuration);
        return new CacheNode(services.BuildServiceProvider());
    }

    public async Task<HealthStatus> CacheHealthAsync()
    {
        var check = new CacheHealthCheck(_services.GetService<RedisConnection>());
        return (await check.CheckHealthAsync(new HealthCheckContext())).Status;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
