using System.Data.Common;
using KamHub.Core.Data;
using Microsoft.Extensions.Configuration;

namespace KamHub.Core.DataToolkit;

public sealed record TableStatus(string Name, string PhysicalName, long Rows);

public sealed record ModuleDataStatus(
    string Module, string Provider, string Database, string SchemaOrPrefix, string? Version, int AppliedMigrations,
    IReadOnlyList<TableStatus> Tables, IReadOnlyList<CopyCheckpoint> CopyInProgress);

/// <summary><c>kamhub data status</c>: where each module lives, its migration version and its tables' row counts. Reads only.</summary>
public sealed class DataStatus(ModuleDatabaseRegistry registry, IConfiguration configuration)
{
    public IReadOnlyList<ModuleDatabase> Select(string? module) => DataModules.Select(registry, module);

    public async Task<IReadOnlyList<ModuleDataStatus>> ReadAsync(string? module, CancellationToken ct)
    {
        var result = new List<ModuleDataStatus>();
        foreach (var database in Select(module))
        {
            var connection = ModuleConnection.Resolve(configuration, database.Name);
            var endpoint = DataEndpoint.Parse(connection.ConnectionString, database.Name);
            result.Add(await ReadAsync(database, endpoint, ct));
        }

        return result;
    }

    public static async Task<ModuleDataStatus> ReadAsync(ModuleDatabase module, DataEndpoint endpoint, CancellationToken ct)
    {
        var schemaOrPrefix = endpoint.IsSqlite ? module.Schema + "_" : module.Schema;
        if (endpoint.IsSqlite && !File.Exists(endpoint.SqliteFile))
            return new ModuleDataStatus(module.Name, endpoint.Provider.ToString(), endpoint.Label, schemaOrPrefix, null, 0, [], []);

        var source = endpoint.ReadOnly();
        var applied = await ModuleContexts.AppliedMigrationsAsync(module, source, ct);
        var schema = ModuleSchema.Read(module, source);
        var tables = new List<TableStatus>();
        await using var connection = await source.OpenAsync(ct);
        if (applied.Count > 0)
        {
            foreach (var table in schema.Tables)
                tables.Add(new TableStatus(table.Spec.Name, table.QuotedName.Replace("\"", "", StringComparison.Ordinal), await TableQueries.CountAsync(connection, table.QuotedName, ct)));
        }

        var checkpoints = await CopyCheckpoints.ReadIfAnyAsync(connection, source, module.Schema, ct);
        return new ModuleDataStatus(module.Name, endpoint.Provider.ToString(), endpoint.Label, schemaOrPrefix, applied.LastOrDefault(), applied.Count, tables, checkpoints);
    }
}

/// <summary>Module selection shared by every data command: one by name (case-insensitive) or all.</summary>
public static class DataModules
{
    public static IReadOnlyList<ModuleDatabase> Select(ModuleDatabaseRegistry registry, string? module)
    {
        if (module is null) return registry.Modules;
        var found = registry.Find(module) ?? throw new DataToolkitException(
            $"Unknown module '{module}'. Known modules: {string.Join(", ", registry.Modules.Select(m => m.Name))}.");
        return [found];
    }
}

internal static class TableQueries
{
    public static async Task<long> CountAsync(DbConnection connection, string quotedTable, CancellationToken ct, DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT count(*) FROM {quotedTable}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<bool> AnyAsync(DbConnection connection, string quotedTable, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT 1 FROM {quotedTable} LIMIT 1";
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    public static async Task<int> ExecuteAsync(DbConnection connection, string sql, CancellationToken ct, DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(ct);
    }
}
