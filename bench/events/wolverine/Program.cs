using System.Diagnostics;
using System.Text.Json;
using JasperFx;
using KamHub.Bench.Wolverine;
using KamHub.EventBus.TestHost;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Wolverine;
using Wolverine.Configuration;
using Wolverine.EntityFrameworkCore;
using Wolverine.Postgresql;

// bench/events, Wolverine side: the TestHost's bench mode (same workload, same JSON line) on Wolverine 6 with the
// configuration its modular-monolith guide recommends: PostgreSQL message storage, EF Core outbox and transactional
// middleware, durable local queues, one queue per subscriber (Separated), and, with Bench:Ordered (the default),
// partitioned processing by aggregate so one aggregate's events are handled in order, as our bus guarantees.
var builder = Host.CreateApplicationBuilder(args);
var settings = BenchSettings.From(builder.Configuration);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton(settings);
builder.Services.AddSingleton<ProofPublisher>();
builder.UseWolverine(opts =>
{
    opts.PersistMessagesWithPostgresql(settings.Connection, "wolverine");
    opts.Services.AddDbContextWithWolverineIntegration<BenchDb>(x => x.UseNpgsql(settings.Connection));
    opts.UseEntityFrameworkCoreTransactions();
    opts.Policies.AutoApplyTransactions();
    opts.Policies.UseDurableLocalQueues();
    opts.MultipleHandlerBehavior = MultipleHandlerBehavior.Separated;
    opts.Durability.MessageIdentity = MessageIdentity.IdAndDestination;
    opts.AutoBuildMessageStorageOnStartup = AutoCreate.CreateOrUpdate;
    if (settings.Ordered)
    {
        opts.MessagePartitioning.ByMessage<IProofEvent>(x => x.OrderId);
        opts.Policies.AllLocalQueues(q => q.PartitionProcessingByGroupId(PartitionSlots.Five));
    }
});

await using (var connection = new NpgsqlConnection(settings.Connection))
{
    await connection.OpenAsync();
    await using var create = new NpgsqlCommand(BenchDb.Schema, connection);
    await create.ExecuteNonQueryAsync();
    await using var seed = new NpgsqlCommand("INSERT INTO proof.aggregates SELECT 'order-' || lpad(i::text, 5, '0'), 0 FROM generate_series(0, @n - 1) i ON CONFLICT DO NOTHING", connection);
    seed.Parameters.AddWithValue("n", settings.Aggregates);
    await seed.ExecuteNonQueryAsync();
}

using var host = builder.Build();
await host.StartAsync();
var publisher = host.Services.GetRequiredService<ProofPublisher>();
var ct = CancellationToken.None;

if (settings.WarmupEvents > 0)
{
    await publisher.PublishAsync(settings.WarmupEvents, ct);
    await WaitHandledAsync(ct);
}

await ExecuteAsync("ANALYZE", ct);
var serverBefore = PostgresServerCpu.Ticks(settings.PostmasterPid);
var measuredFrom = TimeProvider.System.GetUtcNow().UtcTicks;
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var clock = Stopwatch.StartNew();
var published = await publisher.PublishAsync(settings.Events, ct);
var publishSeconds = clock.Elapsed.TotalSeconds;
var finished = await WaitHandledAsync(ct);
var totalSeconds = clock.Elapsed.TotalSeconds;
var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
double? serverCpuMs = settings.PostmasterPid > 0 ? PostgresServerCpu.MillisecondsSince(settings.PostmasterPid, serverBefore) : null;

var latencies = new List<double>();
var outOfOrder = 0L;
await using (var scope = host.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<BenchDb>();
    latencies = (await db.Database.SqlQueryRaw<long>("SELECT handled_at_ticks - published_at_ticks AS \"Value\" FROM proof.effects WHERE published_at_ticks >= {0}", [measuredFrom]).ToListAsync(ct))
        .Select(t => t / (double)TimeSpan.TicksPerMillisecond).Order().ToList();
    // The ordering proof of the TestHost: an effect that did not see its predecessor means one aggregate's events overtook.
    outOfOrder = await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM proof.effects WHERE previous_sequence >= sequence").SingleAsync(ct);
}

Console.WriteLine(JsonSerializer.Serialize(new
{
    mode = settings.Ordered ? "wolverine" : "wolverine-unordered",
    provider = "postgres",
    finished,
    events = published,
    warmupEvents = settings.WarmupEvents,
    deliveries = latencies.Count,
    rate = settings.Rate,
    publishers = settings.Publishers,
    eventsPerTransaction = settings.EventsPerTransaction,
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
    statementsPerEvent = (double?)null,
    outOfOrder,
}));
await host.StopAsync();
return 0;

// Every business row's subscribers have recorded their effect: 3 for proof.ordered, 2 for proof.amended.
async Task<bool> WaitHandledAsync(CancellationToken token)
{
    var deadline = Stopwatch.StartNew();
    while (deadline.Elapsed < TimeSpan.FromMinutes(10))
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BenchDb>();
        var missing = await db.Database.SqlQueryRaw<long>("""
            SELECT (SELECT count(*) * 2 + count(*) FILTER (WHERE event_type = 'proof.ordered') FROM proof.orders)
                 - (SELECT count(*) FROM proof.effects) AS "Value"
            """).SingleAsync(token);
        if (missing <= 0) return true;
        await Task.Delay(20, token);
    }

    return false;
}

async Task ExecuteAsync(string sql, CancellationToken token)
{
    await using var scope = host.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<BenchDb>().Database.ExecuteSqlRawAsync(sql, token);
}

static double Percentile(List<double> sorted, double p) =>
    sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
