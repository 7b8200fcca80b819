using KamHub.Core.Data;
using Npgsql;

namespace KamHub.IntegrationTests.Infrastructure;

/// <summary>
/// The database one test host runs on. The suite runs once per provider: KAMHUB_TEST_PROVIDER=postgres with
/// KAMHUB_TEST_PG (a server the test script started on loopback), otherwise SQLite in a temporary directory.
/// Every host gets a fresh database, so tests never see each other's data.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private TestDatabase(string dataDir, string? postgres, string? databaseName)
    {
        DataDir = dataDir;
        PlatformConnectionString = postgres;
        _databaseName = databaseName;
    }

    private readonly string? _databaseName;

    public static bool UsePostgres => Environment.GetEnvironmentVariable("KAMHUB_TEST_PROVIDER") == "postgres";

    public static string PostgresServer => Environment.GetEnvironmentVariable("KAMHUB_TEST_PG")
        ?? throw new InvalidOperationException("KAMHUB_TEST_PG is not set: run the suite through scripts/test.sh");

    /// <summary>
    /// Connections to the server's maintenance database, for CREATE and DROP DATABASE. A data source of its own, outside
    /// Npgsql's global pools: no pool clearing (here, in the data toolkit's tests, in the template's making) closes its idle
    /// connection, so the next CREATE or DROP does not open a fresh one (dispose went from ~380 to ~145 ms a host on a
    /// loaded machine).
    /// </summary>
    private static readonly Lazy<NpgsqlDataSource> Admin = new(() => NpgsqlDataSource.Create(PostgresServer));

    public string DataDir { get; }

    /// <summary>Null on SQLite: the app then uses kamhub.db inside <see cref="DataDir"/>.</summary>
    public string? PlatformConnectionString { get; }

    /// <summary>A piece of every connection string of this test's databases (the PostgreSQL database name, or the SQLite data folder): what <c>SqlCapture</c> filters on.</summary>
    public string ConnectionMarker => PlatformConnectionString is { } pg ? new NpgsqlConnectionStringBuilder(pg).Database! : DataDir;

    /// <summary>An empty database: for tests of what a first start, a migration or a CLI does to nothing.</summary>
    public static TestDatabase Create() => Create(migrated: false);

    /// <summary>A database with every module's migrations already applied (<see cref="MigratedTemplate"/>), and no data.</summary>
    public static TestDatabase CreateMigrated() => Create(migrated: true);

    private static TestDatabase Create(bool migrated)
    {
        var dir = Path.Combine(Path.GetTempPath(), "kamhub-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        if (!UsePostgres)
        {
            if (migrated) MigratedTemplate.CopySqliteInto(dir);
            return new TestDatabase(dir, null, null);
        }

        var name = "kamhub_t_" + Guid.NewGuid().ToString("N")[..16];
        // FILE_COPY: the template is small (~11 MB); copying its files took 366 ms a host against 490 ms for the default
        // WAL_LOG strategy, which writes every block of it to the WAL (WebhookAmountTests, 28 hosts, loaded machine).
        var template = migrated ? MigratedTemplate.PostgresDatabase : null;
        using (var command = Admin.Value.CreateCommand(template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template} STRATEGY FILE_COPY"))
            command.ExecuteNonQuery();

        var builder = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name };
        return new TestDatabase(dir, builder.ToString(), name);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }

        if (_databaseName is null) return;
        // Only this database's pool (the app's connection string as Core builds it with the default settings): clearing
        // every pool closed the idle connections of the hosts running beside this one, which then opened new backends
        // (~22 % of the PostgreSQL pass's connections). DROP … WITH (FORCE) ends whatever is still connected.
        NpgsqlConnection.ClearPool(new NpgsqlConnection(PostgresConnectionString.WithPool(PlatformConnectionString!, new DatabaseOptions())));
        using var command = Admin.Value.CreateCommand($"DROP DATABASE IF EXISTS {_databaseName} WITH (FORCE)");
        command.ExecuteNonQuery();
    }
}
