using System.Text.Json;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using KamHub.Core.Monitoring;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.MicrosoftHybridCache;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace KamHub.Core.Caching;

public static class CachingRegistration
{
    public const string RedisConnectionName = "Redis";

    /// <summary>HybridCache for every module: memory only, or memory plus Redis when <c>ConnectionStrings:Redis</c> is set.</summary>
    public static IHostApplicationBuilder AddKamHubCache(this IHostApplicationBuilder builder)
    {
        builder.Services.AddKamHubCache(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// FusionCache underneath (L1 memory, L2 Redis through <c>IDistributedCache</c>, FusionCache's Redis backplane for
    /// cross-node invalidation), seen by modules as the standard <see cref="HybridCache"/>.
    /// </summary>
    public static IServiceCollection AddKamHubCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CacheOptions>().Bind(configuration.GetSection(CacheOptions.SectionName))
            .Validate(o => o.DefaultTtlSeconds > 0 && o.MaxLocalEntries > 0, "KamHub:Cache TTL and size must be positive")
            .ValidateOnStart();
        services.TryAddSingleton<KamHubMetrics>();

        var cache = services.AddFusionCache()
            .WithOptions((sp, o) =>
            {
                var options = sp.GetRequiredService<IOptions<CacheOptions>>().Value;
                o.BackplaneChannelPrefix = "kamhub:cache";
                o.DefaultEntryOptionsProvider = new RegionEntryOptionsProvider(options);
                // A sick Redis is skipped for a while instead of being asked (and waited for) on every lookup.
                o.DistributedCacheCircuitBreakerDuration = TimeSpan.FromSeconds(5);
                o.BackplaneCircuitBreakerDuration = TimeSpan.FromSeconds(5);
                o.TagsDefaultEntryOptions.Size = 1;
            })
            .WithDefaultEntryOptions(o =>
            {
                o.Duration = TimeSpan.FromSeconds(60);
                o.Size = 1;
                // A factory that fails (database down) answers with the last value for a while instead of an error.
                o.IsFailSafeEnabled = true;
                // Kept short: fail-safe keeps every entry (one-off searches and "not found" answers too) this long in
                // memory and in Redis, so a long value would let anonymous traffic grow Redis far past the region TTLs.
                o.FailSafeMaxDuration = TimeSpan.FromMinutes(5);
                o.FailSafeThrottleDuration = TimeSpan.FromSeconds(10);
                o.DistributedCacheSoftTimeout = TimeSpan.FromSeconds(1);
                o.DistributedCacheHardTimeout = TimeSpan.FromSeconds(2);
            })
            .WithMemoryCache(sp => new MemoryCache(new MemoryCacheOptions
            {
                SizeLimit = sp.GetRequiredService<IOptions<CacheOptions>>().Value.MaxLocalEntries,
            }))
            .WithRegisteredLogger();

        var redis = configuration.GetConnectionString(RedisConnectionName);
        if (!string.IsNullOrWhiteSpace(redis))
        {
            services.AddSingleton(sp => new RedisConnection(redis, sp.GetRequiredService<ILogger<RedisConnection>>()));
            cache.WithSerializer(new FusionCacheSystemTextJsonSerializer(new JsonSerializerOptions(JsonSerializerDefaults.Web)))
                .WithDistributedCache(sp => new RedisCache(new RedisCacheOptions
                {
                    InstanceName = "kamhub:cache:",
                    ConnectionMultiplexerFactory = sp.GetRequiredService<RedisConnection>().GetAsync,
                }))
                // The library's backplane on its own pub/sub connection, configured like ours (never aborts on a
                // failed connect, fails fast while Redis is away); it disposes that connection when unsubscribing.
                .WithStackExchangeRedisBackplane(o => o.ConfigurationOptions = RedisConnection.ParseOptions(redis));
        }

        services.AddSingleton<ILocalCachePeek, FusionLocalCachePeek>();
        services.AddSingleton<HybridCache>(sp => new RegionalHybridCache(
            new FusionHybridCache(sp.GetRequiredService<IFusionCache>()),
            sp.GetRequiredService<IOptions<CacheOptions>>(), sp.GetRequiredService<KamHubMetrics>()));
        return services;
    }
}
