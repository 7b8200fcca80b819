using KamHub.Core.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KamHub.Discovery.Search.Index;

/// <summary>Loads the index at start (when asked) and reads the change feed between searches, so a quiet instance stays current.</summary>
internal sealed class SearchIndexRefresh(TourSearchIndex index, IOptions<SearchIndexOptions> options, TimeProvider clock, ILogger<SearchIndexRefresh> logger)
    : PeriodicWorker(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.RefreshSeconds);

    protected override string WorkName => "Reading the search index's change feed";

    protected override bool RunsAtStart => options.Value.LoadAtStart;

    protected override Task RunOnceAsync(CancellationToken ct) =>
        index.IsLoaded || options.Value.LoadAtStart ? index.CatchUpAsync(ct) : Task.CompletedTask;
}
