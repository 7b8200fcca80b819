using Npgsql;

namespace KamHub.Core.DataToolkit;

/// <summary>
/// A PostgreSQL target's secondary indexes built after the load (issue 16): dropped before a large table's first chunk
/// and rebuilt in the transaction that marks the table done. The definitions wait in
/// <c>&lt;schema&gt;.__copy_deferred_indexes</c> beside the checkpoints (and are dropped with them), so a copy that
/// crashed in between rebuilds them on --resume. The primary key and constraint indexes (unique keys) stay: the load
/// must keep refusing what they refuse.
/// </summary>
internal static class DeferredIndexes
{
    private static string TableName(string schema) => $"\"{schema}\".\"__copy_deferred_indexes\"";

    public static async Task DeferAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, string table, CancellationToken ct)
    {
        // Tables of one schema are copied in parallel, and two CREATE TABLE IF NOT EXISTS racing each other fail on
        // pg_type's unique index: the first to come takes a transaction lock on the schema's name, the others wait.
        await using (var gate = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext(@name))", connection, transaction))
        {
            gate.Parameters.AddWithValue("name", TableName(schema));
            await gate.ExecuteNonQueryAsync(ct);
        }

        await Execute(connection, transaction, $"CREATE TABLE IF NOT EXISTS {TableName(schema)} (table_name varchar(128) NOT NULL, index_name varchar(128) NOT NULL, " +
            "definition text NOT NULL, PRIMARY KEY (table_name, index_name))", ct);
        var indexes = new List<string>();
        await using (var command = new NpgsqlCommand(
            $"INSERT INTO {TableName(schema)} (table_name, index_name, definition) " +
            "SELECT @t, i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid " +
            "WHERE x.indrelid = to_regclass(@q) AND NOT x.indisprimary AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) " +
            "RETURNING index_name", connection, transaction))
        {
            command.Parameters.AddWithValue("t", table);
            command.Parameters.AddWithValue("q", $"\"{schema}\".\"{table}\"");
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) indexes.Add(reader.GetString(0));
        }

        foreach (var index in indexes) await Execute(connection, transaction, $"DROP INDEX \"{schema}\".\"{index.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", ct);
    }

    public static async Task RebuildAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, string table, CancellationToken ct)
    {
        await using (var exists = new NpgsqlCommand("SELECT to_regclass(@q) IS NOT NULL", connection, transaction))
        {
            exists.Parameters.AddWithValue("q", TableName(schema));
            if (await exists.ExecuteScalarAsync(ct) is not true) return;
        }

        var definitions = new List<string>();
        await using (var command = new NpgsqlCommand($"DELETE FROM {TableName(schema)} WHERE table_name = @t RETURNING definition", connection, transaction))
        {
            command.Parameters.AddWithValue("t", table);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) definitions.Add(reader.GetString(0));
        }

        foreach (var definition in definitions) await Execute(connection, transaction, definition, ct);
    }

    public static string DropSql(string schema) => $"DROP TABLE IF EXISTS {TableName(schema)}";

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }
}
