using KamHub.Core.Migrations;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KamHub.IntegrationTests.Infrastructure;

/// <summary>
/// A database with every module's migrations applied, made once per test run and cloned for each test host:
/// PostgreSQL by <c>CREATE DATABASE … TEMPLATE</c>, SQLite by copying the files. Running ~400 DDL statements of the
/// migrations again for every one of the ~900 hosts was the largest fixed cost of a test on PostgreSQL. Hosts still run
/// their own startup on the clone (the migrator finds nothing pending and checks the checksums), and seed with their
/// own settings and clock: only the schema is shared, never data.
/// </summary>
internal static class MigratedTemplate
{
    private static readonly Lazy<string> PostgresTemplate = new(CreatePostgresTemplate, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<string> SqliteTemplate = new(CreateSqliteTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The name of the migrated template database on the test server.</summary>
    public static string PostgresDatabase => PostgresTemplate.Value;

    /// <summary>Copies the migrated SQLite files into <paramref name="dataDir"/>.</summary>
    public static void CopySqliteInto(string dataDir)
    {
        foreach (var file in Directory.EnumerateFiles(SqliteTemplate.Value))
            File.Copy(file, Path.Combine(dataDir, Path.GetFileName(file)));
    }

    private static string CreatePostgresTemplate()
    {
        // Unique per run: a template left by a killed run is never reused with an older schema.
        var name = "kamhub_tpl_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new NpgsqlConnection(TestDatabase.PostgresServer))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {name}";
            command.ExecuteNonQuery();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(TestDatabase.PostgresServer) { Database = name }.ToString();
        var dataDir = NewDirectory();
        Migrate(dataDir, connectionString);
        // CREATE DATABASE … TEMPLATE refuses while anyone is connected to the template.
        NpgsqlConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Drop(name);
        return name;
    }

    private static string CreateSqliteTemplate()
    {
        var dataDir = NewDirectory();
        Migrate(dataDir, platformConnectionString: null);
        // Closes the files so that the copies are whole (no -wal or -shm left beside them).
        SqliteConnection.ClearAllPools();
        return dataDir;
    }

    private static void Migrate(string dataDir, string? platformConnectionString)
    {
        var args = new List<string> { "--environment=Testing", $"--KamHub:DataDir={dataDir}" };
        if (platformConnectionString is not null) args.Add($"--ConnectionStrings:Platform={platformConnectionString}");
        var app = KamHubApp.Build([.. args]);
        try
        {
            app.Services.GetRequiredService<ModuleMigrator>().UpAsync(null, null).GetAwaiter().GetResult();
        }
        finally
        {
            app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static string NewDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "kamhub-tests", "template-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static void Drop(string name)
    {
        try
        {
            using var connection = new NpgsqlConnection(TestDatabase.PostgresServer);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS {name} WITH (FORCE)";
            command.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // The server may already be stopped at the end of the run: the database goes with it.
        }
    }
}
