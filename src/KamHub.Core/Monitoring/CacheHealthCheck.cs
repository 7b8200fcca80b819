using KamHub.Core.Caching;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KamHub.Core.Monitoring;

/// <summary>Ready needs Redis when one is configured: a node without it serves, but its caches drift from the others'.</summary>
internal sealed class CacheHealthCheck(RedisConnection? redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (redis is null) return HealthCheckResult.Healthy("in-memory");
        return await redis.PingAsync()
            ? HealthCheckResult.Healthy("redis reachable")
            : HealthCheckResult.Unhealthy("redis unreachable");
    }
}
