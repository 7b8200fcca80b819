using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KamHub.EventBus.TestHost;

/// <summary>
/// bench/events: publishes Proof:Events events (at Proof:Rate if set) and waits until every delivery is handled.
/// Bench:Mode=raw writes the same business and effect rows without the bus, for the ceiling; Bench:Mode=floor also writes
/// each event's outbox row and each effect's inbox row directly (what any bus with history and an inbox must write at least).
/// Bench:WarmupEvents are published and delivered first, untimed, so the figures describe a running server (code
/// tiered up by the JIT, pools filled) rather than its first seconds.
/// Latency is per delivery: the handler's clock reading minus the publisher's, both in this process.
/// </summary>
internal sealed class BenchRunner(ProofPublisher publisher, ProofProgress progress, IServiceProvider services, IConfiguration configuration)
{
    public async Task<string> RunAsync(CancellationToken ct)
    {
        var mode = configuration["Bench:Mode"] ?? "bus";
        var viaBus = mode is not ("raw" or "floor");
        var withBusRows = mode == "floor";
        var warmup = configuration.GetValue("Bench:WarmupEvents", 0);
        var options = services.GetRequiredService<IOptions<ProofOptions>>().Value;
        if (warmup > 0)
        {
            await publisher.PublishAllAsync(viaBus, ct, total: warmup, withBusRows: withBusRows);
            if (viaBus) await progress.WaitDeliveredAsync(TimeSpan.FromMinutes(10), TimeSpan.FromMilliseconds(20), ct);
        }

        // A running server's tables have planner statistics; a fresh bench database gets them only when autovacuum
        // comes round (once a minute), and the claim's plan on empty-table statistics scans every pending row.
        await using (var analyzeScope = services.CreateAsyncScope())
        {
            var analyzeDb = analyzeScope.ServiceProvider.GetRequiredService<ProofDbContext>();
            if (analyzeDb.Database.IsNpgsql()) await analyzeDb.Database.ExecuteSqlRawAsync("ANALYZE", ct);
        }

        var server = new BenchServerStats(configuration.GetValue("Bench:PostmasterPid", 0));
        await using (var statsScope = services.CreateAsyncScope())
            await server.StartAsync(statsScope.ServiceProvider.GetRequiredService<ProofDbContext>(), ct);

        var measuredFrom = TimeProvider.System.GetUtcNow().UtcTicks;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var published = await publisher.PublishAllAsync(viaBus, ct, total: warmup + options.Events, withBusRows: withBusRows);
        var publishSeconds = clock.Elapsed.TotalSeconds;
        var finished = !viaBus || await progress.WaitDeliveredAsync(TimeSpan.FromMinutes(10), TimeSpan.FromMilliseconds(20), ct);
        var totalSeconds = clock.Elapsed.TotalSeconds;
        // CPU time of this process (publishers, dispatcher, handlers): unlike rates, it barely depends on machine load.
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProofDbContext>();
        var (serverCpuMs, statements, statementMs) = await server.StopAsync(db, ct);
        var latencies = (await db.Effects.AsNoTracking().Where(e => e.PublishedAtTicks >= measuredFrom).Select(e => e.HandledAtTicks - e.PublishedAtTicks).ToListAsync(ct))
            .Select(t => t / (double)TimeSpan.TicksPerMillisecond).Order().ToList();
        return JsonSerializer.Serialize(new
        {
            mode,
            provider = db.Database.IsSqlite() ? "sqlite" : "postgres",
            finished,
            events = published,
            warmupEvents = warmup,
            deliveries = latencies.Count,
            rate = options.Rate,
            publishers = options.Publishers,
            eventsPerTransaction = options.EventsPerTransaction,
            publishSeconds = Math.Round(publishSeconds, 3),
            totalSeconds = Math.Round(totalSeconds, 3),
            eventsPerSecond = Math.Round(published / totalSeconds, 1),
            deliveriesPerSecond = Math.Round(latencies.Count / totalSeconds, 1),
            p50Ms = Math.Round(Percentile(latencies, 0.50), 2),
            p99Ms = Math.Round(Percentile(latencies, 0.99), 2),
            maxMs = Math.Round(latencies.Count == 0 ? 0 : latencies[^1], 2),
            cpuMs = Math.Round(cpuMs),
            cpuMsPerEvent = published == 0 ? 0 : Math.Round(cpuMs / published, 3),
            serverCpuMsPerEvent = published == 0 || serverCpuMs is null ? (double?)null : Math.Round(serverCpuMs.Value / published, 3),
            statementsPerEvent = published == 0 || statements is null ? (double?)null : Math.Round(statements.Value / (double)published, 2),
            statementMsPerEvent = published == 0 || statementMs is null ? (double?)null : Math.Round(statementMs.Value / published, 3),
        });
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
