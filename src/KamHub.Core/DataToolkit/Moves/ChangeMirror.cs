using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace KamHub.Core.DataToolkit.Moves;

/// <summary>
/// Applies one side's captured changes to the other side (ADR 0014). A batch reads the change log and the changed rows
/// in one snapshot of the source (so the rows are consistent with each other and with the log), writes the current
/// row of every changed key to the mirror side (upsert, parents' tables first; delete where the row is gone, children
/// first) in one transaction, then removes exactly the log entries it read. Re-reading the current row makes every
/// apply idempotent: a batch applied twice, or a change whose row changed again since, converges on the source.
/// Batches are serialised by the mirror side's state row, and a side is written only while it is fenced (a mirror).
/// </summary>
internal static class ChangeMirror
{
    public sealed record Side(DataEndpoint Endpoint, ModuleSchema Schema);

    /// <summary>Applies up to <paramref name="limit"/> changes; returns how many log entries were consumed.</summary>
    public static async Task<int> ApplyBatchAsync(Side from, Side to, int limit, CancellationToken ct)
    {
        var module = from.Schema.Module.Schema;
        await using var target = await to.Endpoint.OpenAsync(ct);
        await using var targetTransaction = await target.BeginTransactionAsync(ct);
        var state = await ScalarAsync(target, targetTransaction, $"SELECT state FROM {ChangeCapture.StateTable(to.Endpoint, module)} WHERE id = 1" + (to.Endpoint.IsSqlite ? "" : " FOR UPDATE"), ct);
        if (state as string != CaptureState.Fenced) return 0;
        await TableQueries.ExecuteAsync(target, $"UPDATE {ChangeCapture.StateTable(to.Endpoint, module)} SET state = '{CaptureState.Applying}' WHERE id = 1", ct, targetTransaction);
        // Within the batch the final rows are consistent; intermediate orders need not be.
        if (to.Endpoint.IsSqlite) await TableQueries.ExecuteAsync(target, "PRAGMA defer_foreign_keys = ON", ct, targetTransaction);

        List<long> consumed;
        await using (var source = await from.Endpoint.OpenAsync(ct))
        {
            await using var snapshot = source is SqliteConnection sqlite
                ? (DbTransaction)sqlite.BeginTransaction(deferred: true)
                : await ((NpgsqlConnection)source).BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
            var changes = await ReadChangesAsync(source, snapshot, from.Endpoint, module, limit, ct);
            consumed = [.. changes.Select(c => c.Id)];
            var byTable = changes.GroupBy(c => c.Table).ToDictionary(g => g.Key, g => g.Select(c => c.Key).Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
            var gone = new List<(PhysicalTable Table, object?[] Key)>();
            foreach (var table in to.Schema.Tables)
            {
                if (!byTable.TryGetValue(table.Spec.Name, out var keys)) continue;
                var sourceTable = from.Schema.Find(table.Spec.Name);
                foreach (var keyJson in keys)
                {
                    var key = ParseKey(table.Spec, keyJson);
                    var row = await ReadRowAsync(source, snapshot, from.Endpoint, sourceTable, key, ct);
                    if (row is null) gone.Add((table, key));
                    else await UpsertAsync(target, targetTransaction, to.Endpoint, table, row, ct);
                }
            }

            gone.Reverse();
            foreach (var (table, key) in gone) await DeleteAsync(target, targetTransaction, to.Endpoint, table, key, ct);
            await snapshot.RollbackAsync(ct);
        }

        await TableQueries.ExecuteAsync(target, $"UPDATE {ChangeCapture.StateTable(to.Endpoint, module)} SET state = '{CaptureState.Fenced}' WHERE id = 1", ct, targetTransaction);
        await targetTransaction.CommitAsync(ct);
        if (consumed.Count > 0) await ForgetAsync(from.Endpoint, module, consumed, ct);
        return consumed.Count;
    }

    private sealed record Change(long Id, string Table, string Key);

    private static async Task<List<Change>> ReadChangesAsync(DbConnection source, DbTransaction snapshot, DataEndpoint endpoint, string module, int limit, CancellationToken ct)
    {
        await using var command = source.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = $"SELECT id, tbl, key FROM {ChangeCapture.ChangesTable(endpoint, module)} ORDER BY id LIMIT {limit.ToString(CultureInfo.InvariantCulture)}";
        var changes = new List<Change>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) changes.Add(new Change(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        return changes;
    }

    /// <summary>Entries consumed, by id: with PostgreSQL sequences ids can commit out of order, so no "up to id" cursor.</summary>
    private static async Task ForgetAsync(DataEndpoint endpoint, string module, List<long> ids, CancellationToken ct)
    {
        await using var connection = await endpoint.OpenAsync(ct);
        await TableQueries.ExecuteAsync(connection,
            $"DELETE FROM {ChangeCapture.ChangesTable(endpoint, module)} WHERE id IN ({string.Join(", ", ids.Select(i => i.ToString(CultureInfo.InvariantCulture)))})", ct);
    }

    private static object?[] ParseKey(TableSpec table, string json)
    {
        using var document = JsonDocument.Parse(json);
        var values = document.RootElement.EnumerateArray().ToList();
        var columns = table.KeyColumns.ToList();
        if (values.Count != columns.Count) throw new DataToolkitException($"{table.Name}: a captured key {json} does not match the table's key.");
        return [.. columns.Select((c, i) => KeyValue(c, values[i]))];
    }

    private static object? KeyValue(ColumnSpec column, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null) return null;
        var type = column.Type;
        if (type == typeof(Guid)) return Guid.Parse(value.GetString()!);
        if (type == typeof(string)) return value.GetString();
        if (type == typeof(long)) return value.GetInt64();
        if (type == typeof(int)) return value.GetInt32();
        if (type == typeof(short)) return value.GetInt16();
        throw new DataToolkitException($"The online move cannot key rows on {type.Name} columns ({column.Name}) yet.");
    }

    private static string KeyWhere(TableSpec table) =>
        string.Join(" AND ", table.KeyColumns.Select((c, i) => $"{DatabaseRowSource.Quote(c.Name)} = @k{i}"));

    internal static void AddKey(DbCommand command, DataEndpoint endpoint, object?[] key)
    {
        for (var i = 0; i < key.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@k" + i;
            parameter.Value = endpoint.IsSqlite ? SqliteValues.ToStorage(key[i]) : key[i] ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
    }

    /// <summary>The row of <paramref name="key"/> as the toolkit reads it (model types, instants in UTC), or null when there is none.</summary>
    internal static async Task<object?[]?> ReadRowAsync(DbConnection source, DbTransaction? snapshot, DataEndpoint endpoint, PhysicalTable table, object?[] key, CancellationToken ct)
    {
        await using var command = source.CreateCommand();
        command.Transaction = snapshot;
        var columns = string.Join(", ", table.Spec.Columns.Select(c => DatabaseRowSource.Quote(c.Name)));
        command.CommandText = $"SELECT {columns} FROM {table.QuotedName} WHERE {KeyWhere(table.Spec)}";
        AddKey(command, endpoint, key);
        var readers = ColumnReaders.For(table.Spec);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        var row = new object?[readers.Length];
        for (var i = 0; i < readers.Length; i++) row[i] = readers[i](reader, i);
        return row;
    }

    private static async Task UpsertAsync(DbConnection target, DbTransaction transaction, DataEndpoint endpoint, PhysicalTable table, object?[] row, CancellationToken ct)
    {
        var spec = table.Spec;
        var columns = spec.Columns.Select(c => DatabaseRowSource.Quote(c.Name)).ToList();
        var keys = spec.KeyColumns.Select(c => DatabaseRowSource.Quote(c.Name)).ToList();
        var updates = columns.Where(c => !keys.Contains(c)).Select(c => $"{c} = excluded.{c}").ToList();
        await using var command = target.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {table.QuotedName} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))}) " +
            $"ON CONFLICT ({string.Join(", ", keys)}) DO " + (updates.Count == 0 ? "NOTHING" : "UPDATE SET " + string.Join(", ", updates));
        for (var i = 0; i < row.Length; i++) command.Parameters.Add(Parameter(endpoint, "@p" + i, row[i], table.StoreTypes[i]));
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task DeleteAsync(DbConnection target, DbTransaction transaction, DataEndpoint endpoint, PhysicalTable table, object?[] key, CancellationToken ct)
    {
        await using var command = target.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"DELETE FROM {table.QuotedName} WHERE {KeyWhere(table.Spec)}";
        AddKey(command, endpoint, key);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>SQLite: the value as EF Core stores it. PostgreSQL: typed by the column's store type (jsonb, timestamp…).</summary>
    private static DbParameter Parameter(DataEndpoint endpoint, string name, object? value, string storeType)
    {
        if (endpoint.IsSqlite) return new SqliteParameter(name, SqliteValues.ToStorage(value));
        var type = storeType.Split('(')[0].Trim().ToLowerInvariant();
        if (value is DateTime instant)
            value = type is "timestamp" or "timestamp without time zone" ? DateTime.SpecifyKind(instant, DateTimeKind.Unspecified) : DateTime.SpecifyKind(instant, DateTimeKind.Utc);
        if (value is byte small) value = (short)small;
        return new NpgsqlParameter(name, value ?? DBNull.Value) { DataTypeName = type };
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct);
    }
}
