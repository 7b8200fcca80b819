using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KamHub.Core.Features.Evaluation;

/// <summary>
/// Re-reads the flags every RefreshInterval, so a change made on another instance or by the CLI is seen here within
/// that time, without a restart. Polling a table of a few dozen rows is one cheap query; the event bus cannot do this
/// job, because it delivers an event to one instance per subscriber, not to every instance.
/// </summary>
internal sealed class FlagRefresher(FlagStore store, IOptions<FlagsOptions> options, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // The store logs and survives a failed read; only shutdown ends the loop.
                await store.ReloadNowAsync(stoppingToken);
                await Task.Delay(options.Value.RefreshInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
