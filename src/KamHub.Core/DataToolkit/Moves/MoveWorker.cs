using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KamHub.Core.DataToolkit.Moves;

/// <summary>
/// On every instance: re-reads the moves for routing, and mirrors each open move (source → target before the write
/// switch, target → source after), recording lag and the caught-up instant on the move row. Instances may mirror at
/// once: batches are serialised by the mirror side's state row and are idempotent (ADR 0014).
/// </summary>
internal sealed class MoveWorker(MoveRouting routing, MoveMetrics metrics, ShadowReads shadow, IServiceScopeFactory scopes, IOptions<MoveOptions> options, TimeProvider clock,
    ILogger<MoveWorker> logger) : BackgroundService
{
    private readonly Dictionary<Guid, MoveSides> _sides = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var lastRefresh = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (clock.GetUtcNow() - lastRefresh >= settings.RefreshInterval)
                {
                    routing.Reload();
                    lastRefresh = clock.GetUtcNow();
                }

                foreach (var route in routing.All.Where(r => r.Mirroring)) await MirrorAsync(route, settings, stoppingToken);
                foreach (var route in routing.All) await AddShadowCountsAsync(route, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A side away or a schema being changed: try again next round; the log keeps every change meanwhile.
                logger.LogWarning(ex, "Mirroring a data move failed; retrying");
                _sides.Clear();
            }

            await Task.Delay(settings.MirrorInterval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>This instance's shadow-read counts, added to the move row (an increment in SQL: every instance adds its own).</summary>
    private async Task AddShadowCountsAsync(MoveRoute route, CancellationToken ct)
    {
        var counts = shadow.Take(route.MoveId);
        if (counts.IsEmpty) return;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MovesDbContext>();
        var last = counts.LastMismatch is { } text && text.Length > DataMoveRow.ShadowMismatchMaxLength ? text[..DataMoveRow.ShadowMismatchMaxLength] : counts.LastMismatch;
        await db.Moves.Where(m => m.Id == route.MoveId).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.ShadowReads, m => m.ShadowReads + counts.Reads)
            .SetProperty(m => m.ShadowRows, m => m.ShadowRows + counts.Rows)
            .SetProperty(m => m.ShadowMismatches, m => m.ShadowMismatches + counts.Mismatches)
            .SetProperty(m => m.ShadowLastMismatch, m => last ?? m.ShadowLastMismatch), ct);
    }

    private async Task MirrorAsync(MoveRoute route, MoveOptions settings, CancellationToken ct)
    {
        if (!_sides.TryGetValue(route.MoveId, out var sides))
        {
            using var lookup = scopes.CreateScope();
            var module = lookup.ServiceProvider.GetRequiredService<Data.ModuleDatabaseRegistry>().Find(route.Module)!;
            sides = new MoveSides(module, DataEndpoint.Parse(route.Source.ConnectionString, "source"), DataEndpoint.Parse(route.Target.ConnectionString, "target"));
            _sides[route.MoveId] = sides;
        }

        var (from, to) = route.WritesOnTarget ? (sides.Target, sides.Source) : (sides.Source, sides.Target);
        var passStart = clock.GetUtcNow().UtcDateTime;
        var applied = 0;
        int batch;
        do
        {
            batch = await ChangeMirror.ApplyBatchAsync(from, to, settings.MirrorBatch, ct);
            applied += batch;
        }
        while (batch == settings.MirrorBatch && applied < settings.MirrorBatch * 20);

        var (lag, oldest) = await ChangeCapture.LagAsync(from.Endpoint, sides.Module.Schema, ct);
        metrics.Observe(route.Module, lag, oldest is { } o ? (clock.GetUtcNow().UtcDateTime - o).TotalSeconds : 0);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MovesDbContext>();
        // Only a pass that emptied the log proves every write committed before it started is on the mirror.
        var caughtUp = batch < settings.MirrorBatch ? passStart : (DateTime?)null;
        await db.Moves.Where(m => m.Id == route.MoveId && m.State == route.State).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.LagChanges, lag)
            .SetProperty(m => m.LagOldestAt, oldest)
            .SetProperty(m => m.CaughtUpAt, m => caughtUp ?? m.CaughtUpAt), ct);
    }
}
