using KamHub.Core.Data;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Core.Migrations;

/// <summary>
/// Names inside a hand-written migration that runs on both providers: the module's schema on PostgreSQL,
/// its table prefix on SQLite.
/// </summary>
public sealed class ModuleMigrationNames(MigrationBuilder migrationBuilder, string module)
{
    public bool IsSqlite => migrationBuilder.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite";

    public bool IsPostgres => !IsSqlite;

    /// <summary>Pass as <c>schema:</c> to every operation: null on SQLite.</summary>
    public string? Schema => IsSqlite ? null : module;

    public string Table(string table) => ModuleTableNames.Table(module, table, IsSqlite);

    /// <summary>A quoted, schema-qualified name for raw SQL.</summary>
    public string Quoted(string table) => IsSqlite ? $"\"{Table(table)}\"" : $"\"{module}\".\"{table}\"";

    public void EnsureSchema()
    {
        if (IsPostgres) migrationBuilder.EnsureSchema(module);
    }
}
