using System.Data.Common;
using System.Globalization;

namespace KamHub.Core.DataToolkit;

/// <summary>How far a table's copy got: the key of the last committed row (JSON, <see cref="ValueJson"/>) and its counters.</summary>
public sealed record CopyCheckpoint(string Table, string? LastKey, long Rows, long Chunks, bool Done);

/// <summary>
/// The copy's own state on the target, beside the module's tables (<c>&lt;schema&gt;.__copy_checkpoints</c> on
/// PostgreSQL, <c>&lt;module&gt;__copy_checkpoints</c> on SQLite, like the migration checksums). A chunk's rows and its
/// checkpoint commit in one transaction, so after a crash the checkpoint names exactly the rows that are there.
/// Dropped when the module's copy completes: a finished target holds only what migrations and the source put there.
/// </summary>
internal static class CopyCheckpoints
{
    public static string TableName(DataEndpoint endpoint, string schema) =>
        endpoint.IsSqlite ? $"\"{schema}__copy_checkpoints\"" : $"\"{schema}\".\"__copy_checkpoints\"";

    public static async Task<bool> ExistsAsync(DbConnection connection, DataEndpoint endpoint, string schema, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = endpoint.IsSqlite
            ? $"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '{schema}__copy_checkpoints'"
            : $"SELECT to_regclass('\"{schema}\".\"__copy_checkpoints\"') IS NOT NULL";
        var result = await command.ExecuteScalarAsync(ct);
        return result is true || (result is long one && one == 1);
    }

    public static async Task EnsureTableAsync(DbConnection connection, DataEndpoint endpoint, string schema, CancellationToken ct) =>
        await TableQueries.ExecuteAsync(connection,
            $"CREATE TABLE IF NOT EXISTS {TableName(endpoint, schema)} (table_name varchar(128) PRIMARY KEY, last_key text NULL, " +
            "rows_copied bigint NOT NULL, chunks bigint NOT NULL, done integer NOT NULL, updated_at varchar(40) NOT NULL)", ct);

    public static async Task<IReadOnlyList<CopyCheckpoint>> ReadIfAnyAsync(DbConnection connection, DataEndpoint endpoint, string schema, CancellationToken ct)
    {
        if (!await ExistsAsync(connection, endpoint, schema, ct)) return [];
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT table_name, last_key, rows_copied, chunks, done FROM {TableName(endpoint, schema)} ORDER BY table_name";
        await using var reader = await command.ExecuteReaderAsync(ct);
        var result = new List<CopyCheckpoint>();
        while (await reader.ReadAsync(ct))
            result.Add(new CopyCheckpoint(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt32(4) == 1));
        return result;
    }

    /// <summary>Upserts a table's checkpoint inside the chunk's transaction.</summary>
    public static async Task WriteAsync(DbConnection connection, DbTransaction transaction, DataEndpoint endpoint, string schema, CopyCheckpoint checkpoint, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {TableName(endpoint, schema)} (table_name, last_key, rows_copied, chunks, done, updated_at) " +
                              "VALUES (@t, @k, @r, @c, @d, @u) ON CONFLICT (table_name) DO UPDATE SET last_key = excluded.last_key, " +
                              "rows_copied = excluded.rows_copied, chunks = excluded.chunks, done = excluded.done, updated_at = excluded.updated_at";
        Add(command, "t", checkpoint.Table);
        Add(command, "k", (object?)checkpoint.LastKey ?? DBNull.Value);
        Add(command, "r", checkpoint.Rows);
        Add(command, "c", checkpoint.Chunks);
        Add(command, "d", checkpoint.Done ? 1 : 0);
        Add(command, "u", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task DropAsync(DbConnection connection, DataEndpoint endpoint, string schema, CancellationToken ct)
    {
        await TableQueries.ExecuteAsync(connection, $"DROP TABLE IF EXISTS {TableName(endpoint, schema)}", ct);
        if (!endpoint.IsSqlite) await TableQueries.ExecuteAsync(connection, DeferredIndexes.DropSql(schema), ct);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
