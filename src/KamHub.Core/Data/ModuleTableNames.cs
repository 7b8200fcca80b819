namespace KamHub.Core.Data;

/// <summary>Physical names of a module's tables: <c>schema.table</c> on PostgreSQL, <c>module_table</c> on SQLite.</summary>
public static class ModuleTableNames
{
    public const string MigrationsHistoryTable = "__migrations_history";

    public static string Table(string module, string table, bool sqlite) =>
        sqlite && !table.StartsWith(module + "_", StringComparison.Ordinal) ? $"{module}_{table}" : table;

    public static string HistoryTable(string module, bool sqlite) => sqlite ? $"{module}{MigrationsHistoryTable}" : MigrationsHistoryTable;
}
