using KamHub.Core.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KamHub.Engagement.Conversations;

/// <summary>
/// Keeps the messages partitions ahead of the clock and drops those past the retention (PostgreSQL only): at start and
/// every <see cref="EngagementOptions.MessagePartitionInterval"/>. Idempotent (CREATE ... IF NOT EXISTS), so several
/// instances may run it.
/// </summary>
internal sealed class MessagePartitionWorker(IServiceScopeFactory scopes, IOptions<EngagementOptions> options, TimeProvider clock,
    ILogger<MessagePartitionWorker> logger) : PeriodicWorker(clock, logger)
{
    protected override TimeSpan Interval => options.Value.MessagePartitionInterval;

    protected override string WorkName => "Maintaining message partitions";

    protected override bool RunsAtStart => true;

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var partitions = scope.ServiceProvider.GetRequiredService<MessagePartitions>();
        if (!partitions.Partitioned) return;
        var now = Clock.GetUtcNow().UtcDateTime;
        await partitions.EnsureMonthsAsync(now, options.Value.MessagePartitionsAhead, ct);
        var dropped = await partitions.DropOlderThanAsync(now, options.Value.MessageRetentionMonths, ct);
        if (dropped.Count > 0) logger.LogInformation("Dropped message partitions past the retention: {Partitions}", string.Join(", ", dropped));
    }
}
