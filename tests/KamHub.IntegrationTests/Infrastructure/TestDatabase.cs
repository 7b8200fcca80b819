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
        using (var connection = new NpgsqlConnection(PostgresServer))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = migrated ? $"CREATE DATABASE {name} TEMPLATE {MigratedTemplate.PostgresDatabase}" : $"CREATE DATABASE {name}";
            command.ExecuteNonQuery();
        }

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
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(PostgresServer);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS {_databaseName} WITH (FORCE)";
        command.ExecuteNonQuery();
    }
}
