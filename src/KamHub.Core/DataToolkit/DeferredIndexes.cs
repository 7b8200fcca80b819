using Npgsql;

namespace KamHub.Core.DataToolkit;

/// <summary>
/// A PostgreSQL target's secondary indexes built after the load (issue 16): dropped before a large table's first chunk
/// and rebuilt (several at once) just before the table is marked done. The definitions wait in
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

    /// <summary>
    /// Rebuilds the table's deferred indexes, up to <paramref name="parallel"/> at once, each on its own connection in
    /// its own transaction with the removal of its recorded definition: an index is either built and forgotten or still
    /// recorded for --resume. (One transaction for all would build them one after another: four indexes of a million rows
    /// took 8 s on one core where the server had two.)
    /// </summary>
    public static async Task RebuildAsync(DataEndpoint endpoint, string schema, string table, int parallel, CancellationToken ct)
    {
        List<string> names;
        await using (var connection = (NpgsqlConnection)await endpoint.OpenAsync(ct))
        {
            await using var exists = new NpgsqlCommand("SELECT to_regclass(@q) IS NOT NULL", connection);
            exists.Parameters.AddWithValue("q", TableName(schema));
            if (await exists.ExecuteScalarAsync(ct) is not true) return;
            names = [];
            await using var command = new NpgsqlCommand($"SELECT index_name FROM {TableName(schema)} WHERE table_name = @t", connection);
            command.Parameters.AddWithValue("t", table);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) names.Add(reader.GetString(0));
        }

        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallel), CancellationToken = ct }, async (name, token) =>
        {
            await using var connection = (NpgsqlConnection)await endpoint.OpenAsync(token);
            await using var transaction = await connection.BeginTransactionAsync(token);
            string? definition;
            await using (var command = new NpgsqlCommand(
                $"DELETE FROM {TableName(schema)} WHERE table_name = @t AND index_name = @i RETURNING definition", connection, transaction))
            {
                command.Parameters.AddWithValue("t", table);
                command.Parameters.AddWithValue("i", name);
                definition = await command.ExecuteScalarAsync(token) as string;
            }

            if (definition is not null) await Execute(connection, transaction, definition, token);
            await transaction.CommitAsync(token);
        });
    }

    public static string DropSql(string schema) => $"DROP TABLE IF EXISTS {TableName(schema)}";

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }
}
