using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace KamHub.IntegrationTests.Platform;

/// <summary>A table as the database has it after migrations: read from the catalog, not from any model.</summary>
internal sealed record LiveTable(
    IReadOnlyDictionary<string, LiveColumn> Columns,
    IReadOnlyList<string> PrimaryKey,
    IReadOnlyList<LiveIndex> Indexes,
    IReadOnlyList<LiveForeignKey> ForeignKeys);

internal sealed record LiveColumn(string Name, bool IsNullable, string StoreType);

/// <summary>Name is SQLite's own for unique constraints (sqlite_autoindex_…): match those by columns.</summary>
internal sealed record LiveIndex(string Name, bool IsUnique, IReadOnlyList<string> Columns);

/// <summary>Name is null on SQLite, which does not keep foreign key names.</summary>
internal sealed record LiveForeignKey(string? Name, IReadOnlyList<string> Columns, string PrincipalTable, IReadOnlyList<string> PrincipalColumns);

/// <summary>Reads tables from pragma functions on SQLite and from pg_catalog on PostgreSQL.</summary>
internal static class LiveSchema
{
    /// <summary>Null when the table does not exist.</summary>
    public static async Task<LiveTable?> ReadAsync(DbContext context, string? schema, string table)
    {
        await context.Database.OpenConnectionAsync();
        try
        {
            var connection = context.Database.GetDbConnection();
            return context.Database.IsSqlite()
                ? await ReadSqliteAsync(connection, table)
                : await ReadPostgresAsync(connection, schema ?? "public", table);
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }

    private static async Task<LiveTable?> ReadSqliteAsync(DbConnection connection, string table)
    {
        var columns = await QueryAsync(connection, "SELECT name, type, \"notnull\", pk FROM pragma_table_info($p0)", [table],
            r => (Column: new LiveColumn(r.GetString(0), r.GetInt64(2) == 0, r.GetString(1)), Pk: r.GetInt64(3)));
        if (columns.Count == 0) return null;

        var indexes = new List<LiveIndex>();
        foreach (var (name, unique) in await QueryAsync(connection, "SELECT name, \"unique\" FROM pragma_index_list($p0)", [table], r => (r.GetString(0), r.GetInt64(1) == 1)))
        {
            var indexColumns = await QueryAsync(connection, "SELECT name FROM pragma_index_info($p0) ORDER BY seqno", [name], r => r.GetString(0));
            indexes.Add(new LiveIndex(name, unique, indexColumns));
        }

        var keyParts = await QueryAsync(connection, "SELECT id, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list($p0) ORDER BY id, seq", [table],
            r => (Id: r.GetInt64(0), Principal: r.GetString(1), From: r.GetString(2), To: r.GetString(3)));
        var foreignKeys = keyParts.GroupBy(k => k.Id)
            .Select(g => new LiveForeignKey(null, g.Select(k => k.From).ToList(), g.First().Principal, g.Select(k => k.To).ToList()))
            .ToList();

        return new LiveTable(
            columns.ToDictionary(c => c.Column.Name, c => c.Column, StringComparer.Ordinal),
            columns.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => c.Column.Name).ToList(),
            indexes,
            foreignKeys);
    }

    private static async Task<LiveTable?> ReadPostgresAsync(DbConnection connection, string schema, string table)
    {
        const string relation = "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2";
        string[] parameters = [schema, table];

        var columns = await QueryAsync(connection,
            $"SELECT a.attname::text, NOT a.attnotnull, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a " +
            $"WHERE a.attrelid = ({relation}) AND a.attnum > 0 AND NOT a.attisdropped",
            parameters, r => new LiveColumn(r.GetString(0), r.GetBoolean(1), r.GetString(2)));
        if (columns.Count == 0) return null;

        var indexes = await QueryAsync(connection,
            "SELECT i.relname::text, ix.indisunique, ix.indisprimary, ARRAY(SELECT a.attname::text FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(attnum, ord) " +
            "JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum ORDER BY k.ord) " +
            $"FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid WHERE ix.indrelid = ({relation})",
            parameters, r => (Index: new LiveIndex(r.GetString(0), r.GetBoolean(1), r.GetFieldValue<string[]>(3)), Primary: r.GetBoolean(2)));

        var foreignKeys = await QueryAsync(connection,
            "SELECT con.conname::text, pt.relname::text, " +
            "ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord), " +
            "ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord) " +
            $"FROM pg_constraint con JOIN pg_class pt ON pt.oid = con.confrelid WHERE con.contype = 'f' AND con.conrelid = ({relation})",
            parameters, r => new LiveForeignKey(r.GetString(0), r.GetFieldValue<string[]>(2), r.GetString(1), r.GetFieldValue<string[]>(3)));

        return new LiveTable(
            columns.ToDictionary(c => c.Name, StringComparer.Ordinal),
            indexes.FirstOrDefault(i => i.Primary).Index?.Columns ?? [],
            indexes.Select(i => i.Index).ToList(),
            foreignKeys);
    }

    private static async Task<List<T>> QueryAsync<T>(DbConnection connection, string sql, string[] parameters, Func<DbDataReader, T> read)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = command.CreateParameter();
            // SQLite binds $p0…; Npgsql binds positional $1… when parameters have no name.
            if (connection.GetType().Name.StartsWith("Sqlite", StringComparison.Ordinal)) parameter.ParameterName = "$p" + i;
            parameter.Value = parameters[i];
            command.Parameters.Add(parameter);
        }

        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }
}
