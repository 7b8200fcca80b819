using KamHub.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Discovery;

/// <summary>
/// A request that read the departures just before a projection committed may store them just after the projection's
/// cache drop; the drop is repeated a little later, so that stale entry does not live for its whole TTL.
/// </summary>
public sealed class AfterCommitInvalidationTests
{
    private static readonly Type Invalidation = typeof(DiscoveryModule).Assembly.GetType("KamHub.Discovery.Availability.AfterCommitInvalidation", throwOnError: true)!;

    [Fact]
    public async Task Drop_WhenAReaderStoresStaleRowsRightAfterIt_DropsThemAgainSoonAfter()
    {
        using var factory = new KamHubFactory().With("KamHub:Seed:Enabled", "false").With("KamHub:Cache:Enabled", "true");
        var cache = factory.Services.GetRequiredService<HybridCache>();
        var key = $"departures:{Guid.NewGuid():N}";
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var invalidation = scope.ServiceProvider.GetRequiredService(Invalidation);
            Invalidation.GetMethod("Key")!.Invoke(invalidation, [key]);
        }

        // The late reader: it read before the commit and stores what it read after the first drop.
        await cache.SetAsync(key, "stale rows");

        string? seen = null;
        for (var i = 0; i < 100 && seen != "fresh rows"; i++)
        {
            await Task.Delay(100);
            seen = await cache.GetOrCreateAsync(key, _ => ValueTask.FromResult("fresh rows"));
        }

        Assert.Equal("fresh rows", seen);
    }
}
