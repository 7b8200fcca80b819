using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KamHub.Core.Caching;

public static class CachingRegistration
{
    public const string RedisConnectionName = "Redis";

    /// <summary>HybridCache for every module: memory only, or memory plus Redis when <c>ConnectionStrings:Redis</c> is set.</summary>
    public static IHostApplicationBuilder AddKamHubCache(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CacheOptions>().Bind(builder.Configuration.GetSection(CacheOptions.SectionName))
            .Validate(o => o.DefaultTtlSeconds > 0 && o.MaxLocalEntries > 0, "KamHub:Cache TTL and size must be positive")
            .ValidateOnStart();

        var redis = builder.Configuration.GetConnectionString(RedisConnectionName);
        if (!string.IsNullOrWhiteSpace(redis))
        {
            builder.Services.AddSingleton(_ => new RespConnection(RedisEndpoint.Parse(redis)));
            builder.Services.AddSingleton<IRemoteCacheTier, RedisCacheTier>();
        }

        builder.Services.AddSingleton(sp => new KamHubHybridCache(
            sp.GetRequiredService<IOptions<CacheOptions>>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<KamHubHybridCache>>(), sp.GetService<IRemoteCacheTier>()));
        builder.Services.AddSingleton<HybridCache>(sp => sp.GetRequiredService<KamHubHybridCache>());
        return builder;
    }
}
