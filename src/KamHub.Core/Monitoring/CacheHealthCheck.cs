using KamHub.Core.Caching;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KamHub.Core.Monitoring;

internal sealed class CacheHealthCheck(KamHubHybridCache cache) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!cache.HasRemote) return HealthCheckResult.Healthy("in-memory");
        return await cache.IsRemoteHealthyAsync()
            ? HealthCheckResult.Healthy("redis reachable")
            : HealthCheckResult.Unhealthy("redis unreachable");
    }
}
