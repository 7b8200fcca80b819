using KamHub.Core.Data;
using KamHub.Core.Migrations;
using KamHub.Core.Seeding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KamHub.Core.Hosting;

/// <summary>
/// Runs before the server accepts requests: migrate (unless MigrateOnStart=false), seed demo data (unless
/// --no-seed), then print where the data lives and how to sign in.
/// </summary>
internal sealed class PlatformStartup(
    ModuleMigrator migrator,
    ModuleDatabaseRegistry registry,
    IEnumerable<IDemoSeeder> seeders,
    IOptions<DatabaseOptions> database,
    IOptions<SeedOptions> seed,
    IConfiguration configuration,
    ILogger<PlatformStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (database.Value.MigrateOnStart) await migrator.UpAsync(null, null, cancellationToken);
        else logger.LogInformation("KamHub:Database:MigrateOnStart is false: run 'kamhub migrate up' before serving");

        var context = new SeedContext();
        if (seed.Value.Enabled)
        {
            foreach (var seeder in seeders.OrderBy(s => s.Order))
                await seeder.SeedAsync(context, cancellationToken);
        }

        PrintBanner(context);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void PrintBanner(SeedContext context)
    {
        var lines = new List<string> { "KamHub is starting.", $"  Data directory: {DataDirectory.Resolve(configuration)}" };
        lines.AddRange(registry.Modules.Select(m => $"  {m.Name} database: {m.Connection.Provider} {Describe(m.Connection)}"));
        lines.AddRange(context.Banner.Select(l => "  " + l));
        // Printed, not only logged: a newcomer must see where the data is and how to sign in.
        Console.Out.WriteLine(string.Join(Environment.NewLine, lines));
        logger.LogInformation("{Banner}", string.Join(" | ", lines.Select(l => l.Trim())));
    }

    /// <summary>Never prints a password: SQLite shows its file, PostgreSQL its host and database.</summary>
    private static string Describe(ModuleConnection connection)
    {
        if (connection.Provider == DatabaseProvider.Sqlite)
            return new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection.ConnectionString).DataSource;
        var pg = new Npgsql.NpgsqlConnectionStringBuilder(connection.ConnectionString);
        return $"{pg.Host}:{pg.Port}/{pg.Database}";
    }
}
