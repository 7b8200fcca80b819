using KamHub.Core.Hosting;
using KamHub.Discovery.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KamHub.Discovery.Search.Index;

/// <summary>Deletes change-feed rows older than <see cref="SearchChanges.Retention"/>; every instance runs it, the deletes are idempotent.</summary>
internal sealed class SearchChangesPruning(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SearchChangesPruning> logger) : PeriodicWorker(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(10);

    protected override string WorkName => "Pruning the search change feed";

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await ChangeFeedReader.PruneAsync(scope.ServiceProvider.GetRequiredService<DiscoveryDbContext>(), ct);
    }
}
