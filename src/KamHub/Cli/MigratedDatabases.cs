using KamHub.Core.Data;
using KamHub.Core.Migrations;
using Microsoft.Data.Sqlite;

namespace KamHub.Cli;

/// <summary>
/// Commands that read or edit the tables (events, users, payments) need them migrated: say so in one line instead of
/// failing on a missing table, and never create an empty database file while looking.
/// </summary>
internal static class MigratedDatabases
{
    public static async Task EnsureAsync(IServiceProvider services, CancellationToken ct)
    {
        var registry = services.GetRequiredService<ModuleDatabaseRegistry>();
        foreach (var database in registry.Modules.Where(d => d.Connection.Provider == DatabaseProvider.Sqlite))
        {
            var file = new SqliteConnectionStringBuilder(database.Connection.ConnectionString).DataSource;
            if (!File.Exists(file))
                throw new CliException($"no database at {file}: start the server once or run 'kamhub migrate up' (or give --data-dir).");
        }

        foreach (var status in await services.GetRequiredService<ModuleMigrator>().StatusAsync(null, ct))
            if (status.Migrations.Any(m => m.State == MigrationState.Pending))
                throw new CliException($"the {status.Module} database is not migrated: run 'kamhub migrate up' first.");
    }
}
