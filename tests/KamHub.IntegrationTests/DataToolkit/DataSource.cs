using KamHub.Core.Data;
using KamHub.Core.DataToolkit;
using KamHub.Core.Events;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.DataToolkit;

/// <summary>
/// A KamHub database with the demo data plus generated volume in a module's event tables (outbox, deliveries, inbox:
/// a bigint identity key, and a three-column string/guid/guid key), on the suite's provider. Its event dispatcher is
/// off and the demo data has nothing due (no departures, holds or payouts), so nothing changes the source while a test
/// copies it.
/// </summary>
internal sealed class DataSource : IAsyncDisposable
{
    private DataSource(KamHubFactory factory) => Factory = factory;

    public KamHubFactory Factory { get; }

    public DataEndpoint Endpoint => DataEndpoint.Parse(ConnectionString, "--from");

    public string ConnectionString => Factory.Database.PlatformConnectionString ?? $"Data Source={Path.Combine(Factory.Database.DataDir, "kamhub.db")}";

    public IServiceProvider Services => Factory.Services;

    public static async Task<DataSource> CreateAsync(int events)
    {
        var factory = new KamHubFactory().With("KamHub:Events:DispatcherEnabled", "false");
        _ = factory.Services; // starts the host: migrations and demo data
        var source = new DataSource(factory);
        await source.AddEventVolumeAsync("Discovery", events);
        return source;
    }

    public async Task<T> WithContextAsync<T>(string module, Func<DbContext, Task<T>> work)
    {
        var database = Services.GetRequiredService<ModuleDatabaseRegistry>().Find(module)!;
        await using var scope = Services.CreateAsyncScope();
        return await work((DbContext)scope.ServiceProvider.GetRequiredService(database.ContextType));
    }

    private Task AddEventVolumeAsync(string module, int events) => WithContextAsync(module, async db =>
    {
        // Recent instants: the bus's retention (30 days) must not delete the volume while a test copies it.
        var start = DateTime.UtcNow.AddDays(-1);
        for (var batch = 0; batch < events; batch += 2_000)
        {
            var outbox = Enumerable.Range(batch, Math.Min(2_000, events - batch)).Select(i => new OutboxEvent
            {
                Id = Guid.CreateVersion7(),
                Type = "volume.generated",
                Version = 1,
                AggregateId = $"agg-{i % 97}",
                // Sub-microsecond ticks on purpose: PostgreSQL keeps microseconds, the verifier compares at that resolution.
                OccurredAt = start.AddTicks(i * 10_000_003L),
                CorrelationId = $"corr-{i}",
                CausationId = i % 3 == 0 ? null : Guid.CreateVersion7(),
                Payload = $"{{\"n\":{i},\"text\":\"Камчатка ✓ {i}\"}}",
            }).ToList();
            db.AddRange(outbox);
            db.AddRange(outbox.Select(e => new EventDelivery
            {
                EventId = e.Id, Subscriber = "volume.subscriber", AggregateId = e.AggregateId, EventType = e.Type, ReplayId = Guid.Empty,
                Status = DeliveryStatus.Done, Attempts = 1, NextAttemptAt = e.OccurredAt, CreatedAt = e.OccurredAt, CompletedAt = e.OccurredAt.AddSeconds(1),
            }));
            db.AddRange(outbox.Where((_, i) => i % 2 == 0).Select(e => new InboxEntry
            {
                Subscriber = "volume.subscriber", EventId = e.Id, ReplayId = Guid.Empty, HandledAt = e.OccurredAt.AddSeconds(1),
            }));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        return 0;
    });

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>Empty databases for copy targets: PostgreSQL databases on the suite's server (both passes start one), or SQLite files.</summary>
internal sealed class ScratchDatabases : IDisposable
{
    private readonly List<string> _postgres = [];
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "kamhub-data-tests", Guid.NewGuid().ToString("N"));

    /// <summary>An empty database, or with <paramref name="template"/> a copy of that one (the migrated template: what migrations make).</summary>
    public string Postgres(string? template = null)
    {
        var name = "kamhub_d_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new Npgsql.NpgsqlConnection(TestDatabase.PostgresServer))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}";
            command.ExecuteNonQuery();
        }

        _postgres.Add(name);
        return new Npgsql.NpgsqlConnectionStringBuilder(TestDatabase.PostgresServer) { Database = name }.ToString();
    }

    public string Sqlite()
    {
        Directory.CreateDirectory(_directory);
        return $"Data Source={Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db")}";
    }

    public string ArchiveDirectory() => Path.Combine(_directory, Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var name in _postgres)
        {
            using var connection = new Npgsql.NpgsqlConnection(TestDatabase.PostgresServer);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS {name} WITH (FORCE)";
            command.ExecuteNonQuery();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
