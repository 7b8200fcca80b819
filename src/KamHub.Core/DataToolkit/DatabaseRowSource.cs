using System.Runtime.CompilerServices;

namespace KamHub.Core.DataToolkit;

/// <summary>
/// Streams a table in primary-key order with one query (resumed with a row-value comparison on the key, which both
/// providers answer from the primary-key index). Never writes: a SQLite source is opened read-only.
/// </summary>
public sealed class DatabaseRowSource(DataEndpoint endpoint, ModuleSchema schema, string? snapshot = null) : IRowSource
{
    public DataEndpoint Endpoint { get; } = endpoint;

    public ModuleSchema Schema { get; } = schema;

    public async IAsyncEnumerable<object?[]> ReadAsync(TableSpec table, object?[]? afterKey, [EnumeratorCancellation] CancellationToken ct)
    {
        var physical = Schema.Find(table.Name);
        await using var connection = await Endpoint.OpenAsync(ct);
        await using var transaction = await InSnapshotAsync(connection, ct);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SelectSql(physical, afterKey is not null);
        command.CommandTimeout = 0;
        if (afterKey is not null)
        {
            for (var i = 0; i < afterKey.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@k" + i;
                parameter.Value = Endpoint.IsSqlite ? SqliteValues.ToStorage(afterKey[i]) : afterKey[i] ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }
        }

        var readers = ColumnReaders.For(table);
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct))
        {
            var row = new object?[readers.Length];
            for (var i = 0; i < readers.Length; i++) row[i] = readers[i](reader, i);
            yield return row;
        }
    }

    /// <summary>
    /// The table's digest, hashed straight from the reader. No ORDER BY: the digest does not depend on row order, so
    /// the database may scan the table in storage order instead of walking the primary-key index.
    /// </summary>
    public async Task<TableDigest> DigestAsync(TableSpec table, Action<long, long>? rowsRead, CancellationToken ct)
    {
        const int reportEvery = 10_000;
        var physical = Schema.Find(table.Name);
        await using var connection = await Endpoint.OpenAsync(ct);
        await using var transaction = await InSnapshotAsync(connection, ct);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {string.Join(", ", table.Columns.Select(c => Quote(c.Name)))} FROM {physical.QuotedName}";
        command.CommandTimeout = 0;
        var columns = CanonicalColumns.For(table);
        var digest = new TableDigest(table);
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct))
        {
            digest.Add(reader, columns);
            if (digest.Rows % reportEvery == 0) rowsRead?.Invoke(reportEvery, digest.Rows);
        }

        return digest;
    }

    public async Task<long> CountAsync(TableSpec table, CancellationToken ct)
    {
        await using var connection = await Endpoint.OpenAsync(ct);
        await using var transaction = await InSnapshotAsync(connection, ct);
        return await TableQueries.CountAsync(connection, Schema.Find(table.Name).QuotedName, ct, transaction);
    }

    /// <summary>With a snapshot id: a read-only repeatable-read transaction that sees exactly that snapshot (PostgreSQL).</summary>
    private async Task<System.Data.Common.DbTransaction?> InSnapshotAsync(System.Data.Common.DbConnection connection, CancellationToken ct)
    {
        if (snapshot is null || Endpoint.IsSqlite) return null;
        var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await TableQueries.ExecuteAsync(connection, $"SET TRANSACTION SNAPSHOT '{snapshot.Replace("'", "''", StringComparison.Ordinal)}'", ct, transaction);
        return transaction;
    }

    internal static string SelectSql(PhysicalTable table, bool after)
    {
        var spec = table.Spec;
        var columns = string.Join(", ", spec.Columns.Select(c => Quote(c.Name)));
        var key = spec.KeyColumns.Select(c => Quote(c.Name)).ToList();
        var where = "";
        if (after)
        {
            var parameters = Enumerable.Range(0, key.Count).Select(i => "@k" + i).ToList();
            where = key.Count == 1 ? $" WHERE {key[0]} > {parameters[0]}" : $" WHERE ({string.Join(", ", key)}) > ({string.Join(", ", parameters)})";
        }

        return $"SELECT {columns} FROM {table.QuotedName}{where} ORDER BY {string.Join(", ", key)}";
    }

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
