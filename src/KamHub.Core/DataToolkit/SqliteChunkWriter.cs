using Microsoft.Data.Sqlite;

namespace KamHub.Core.DataToolkit;

/// <summary>
/// Into SQLite: one prepared INSERT run per row inside one transaction per chunk, which also holds the checkpoint
/// upsert (SQLite has no COPY; a prepared statement in a transaction is its fast path).
/// </summary>
internal sealed class SqliteChunkWriter : IChunkWriter
{
    private readonly SqliteConnection _connection;
    private readonly DataEndpoint _endpoint;
    private readonly string _schema;
    private readonly string _insertSql;
    private readonly int _columns;

    private SqliteChunkWriter(SqliteConnection connection, DataEndpoint endpoint, string schema, PhysicalTable table)
    {
        _connection = connection;
        _endpoint = endpoint;
        _schema = schema;
        _columns = table.Spec.Columns.Count;
        var columns = string.Join(", ", table.Spec.Columns.Select(c => DatabaseRowSource.Quote(c.Name)));
        var values = string.Join(", ", Enumerable.Range(0, _columns).Select(i => "@p" + i));
        _insertSql = $"INSERT INTO {table.QuotedName} ({columns}) VALUES ({values})";
    }

    public static async Task<SqliteChunkWriter> OpenAsync(DataEndpoint endpoint, string schema, PhysicalTable table, CancellationToken ct)
    {
        var connection = (SqliteConnection)await endpoint.OpenAsync(ct);
        await TableQueries.ExecuteAsync(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;", ct);
        return new SqliteChunkWriter(connection, endpoint, schema, table);
    }

    public async Task WriteChunkAsync(IReadOnlyList<object?[]> rows, CopyCheckpoint checkpoint, CancellationToken ct)
    {
        await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(ct);
        await using (var command = _connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = _insertSql;
            var parameters = new SqliteParameter[_columns];
            for (var i = 0; i < _columns; i++) parameters[i] = command.Parameters.Add(new SqliteParameter("@p" + i, null));
            command.Prepare();
            foreach (var row in rows)
            {
                ct.ThrowIfCancellationRequested();
                for (var i = 0; i < _columns; i++) parameters[i].Value = SqliteValues.ToStorage(row[i]);
                command.ExecuteNonQuery();
            }
        }

        await CopyCheckpoints.WriteAsync(_connection, transaction, _endpoint, _schema, checkpoint, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>SQLite builds from one writer at a time anyway; its indexes stay.</summary>
    public Task DeferIndexesAsync(CancellationToken ct) => Task.CompletedTask;

    public async Task MarkDoneAsync(CopyCheckpoint checkpoint, CancellationToken ct)
    {
        await using var transaction = await _connection.BeginTransactionAsync(ct);
        await CopyCheckpoints.WriteAsync(_connection, transaction, _endpoint, _schema, checkpoint, ct);
        await transaction.CommitAsync(ct);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
