using Npgsql;
using NpgsqlTypes;

namespace KamHub.Core.DataToolkit;

/// <summary>
/// Binary COPY into PostgreSQL: one transaction per chunk holding the COPY and the checkpoint upsert. Values are
/// written with the column's PostgreSQL type named explicitly (Npgsql's advice for COPY: a wrong guess could store
/// garbage), taken from the module's model on PostgreSQL.
/// </summary>
internal sealed class PostgresChunkWriter : IChunkWriter
{
    private readonly NpgsqlConnection _connection;
    private readonly DataEndpoint _endpoint;
    private readonly string _schema;
    private readonly string _copySql;
    private readonly Action<NpgsqlBinaryImporter, object>[] _writers;
    private readonly string _tableName;
    private readonly int _indexBuilds;

    private PostgresChunkWriter(NpgsqlConnection connection, DataEndpoint endpoint, string schema, PhysicalTable table, int indexBuilds)
    {
        _indexBuilds = indexBuilds;
        _connection = connection;
        _endpoint = endpoint;
        _schema = schema;
        var columns = string.Join(", ", table.Spec.Columns.Select(c => DatabaseRowSource.Quote(c.Name)));
        _copySql = $"COPY {table.QuotedName} ({columns}) FROM STDIN (FORMAT BINARY)";
        _writers = [.. table.Spec.Columns.Select((c, i) => WriterFor(c, table.StoreTypes[i]))];
        _tableName = table.Spec.Name;
    }

    /// <param name="indexBuilds">How many deferred indexes to build at once when the table is done.</param>
    public static async Task<PostgresChunkWriter> OpenAsync(DataEndpoint endpoint, string schema, PhysicalTable table, int indexBuilds, CancellationToken ct) =>
        new((NpgsqlConnection)await endpoint.OpenAsync(ct), endpoint, schema, table, indexBuilds);

    public async Task WriteChunkAsync(IReadOnlyList<object?[]> rows, CopyCheckpoint checkpoint, CancellationToken ct)
    {
        await using var transaction = await _connection.BeginTransactionAsync(ct);
        await using (var importer = await _connection.BeginBinaryImportAsync(_copySql, ct))
        {
            foreach (var row in rows)
            {
                importer.StartRow();
                for (var i = 0; i < _writers.Length; i++)
                {
                    if (row[i] is { } value) _writers[i](importer, value);
                    else importer.WriteNull();
                }
            }

            await importer.CompleteAsync(ct);
        }

        await CopyCheckpoints.WriteAsync(_connection, transaction, _endpoint, _schema, checkpoint, ct);
        await transaction.CommitAsync(ct);
    }

    public async Task DeferIndexesAsync(CancellationToken ct)
    {
        await using var transaction = await _connection.BeginTransactionAsync(ct);
        await DeferredIndexes.DeferAsync(_connection, transaction, _schema, _tableName, ct);
        await transaction.CommitAsync(ct);
    }

    public async Task MarkDoneAsync(CopyCheckpoint checkpoint, CancellationToken ct)
    {
        await DeferredIndexes.RebuildAsync(_endpoint, _schema, _tableName, _indexBuilds, ct);
        await using var transaction = await _connection.BeginTransactionAsync(ct);
        await CopyCheckpoints.WriteAsync(_connection, transaction, _endpoint, _schema, checkpoint, ct);
        await transaction.CommitAsync(ct);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private static Action<NpgsqlBinaryImporter, object> WriterFor(ColumnSpec column, string storeType)
    {
        var store = storeType.Split('(')[0].Trim().ToLowerInvariant();
        var type = column.Type;
        if (type == typeof(string))
        {
            var dbType = store switch
            {
                "jsonb" => NpgsqlDbType.Jsonb,
                "json" => NpgsqlDbType.Json,
                "character varying" or "varchar" => NpgsqlDbType.Varchar,
                "character" or "char" => NpgsqlDbType.Char,
                _ => NpgsqlDbType.Text,
            };
            return (w, v) => w.Write((string)v, dbType);
        }

        if (type == typeof(Guid)) return (w, v) => w.Write((Guid)v, NpgsqlDbType.Uuid);
        if (type == typeof(int)) return (w, v) => w.Write((int)v, NpgsqlDbType.Integer);
        if (type == typeof(long)) return (w, v) => w.Write((long)v, NpgsqlDbType.Bigint);
        if (type == typeof(short)) return (w, v) => w.Write((short)v, NpgsqlDbType.Smallint);
        if (type == typeof(byte)) return (w, v) => w.Write((short)(byte)v, NpgsqlDbType.Smallint);
        if (type == typeof(bool)) return (w, v) => w.Write((bool)v, NpgsqlDbType.Boolean);
        if (type == typeof(decimal)) return (w, v) => w.Write((decimal)v, NpgsqlDbType.Numeric);
        if (type == typeof(double)) return (w, v) => w.Write((double)v, NpgsqlDbType.Double);
        if (type == typeof(float)) return (w, v) => w.Write((float)v, NpgsqlDbType.Real);
        if (type == typeof(byte[])) return (w, v) => w.Write((byte[])v, NpgsqlDbType.Bytea);
        if (type == typeof(DateOnly)) return (w, v) => w.Write((DateOnly)v, NpgsqlDbType.Date);
        if (type == typeof(TimeOnly)) return (w, v) => w.Write((TimeOnly)v, NpgsqlDbType.Time);
        if (type == typeof(TimeSpan)) return (w, v) => w.Write((TimeSpan)v, NpgsqlDbType.Interval);
        if (type == typeof(DateTime))
        {
            return store == "timestamp without time zone" || store == "timestamp"
                ? (w, v) => w.Write(DateTime.SpecifyKind((DateTime)v, DateTimeKind.Unspecified), NpgsqlDbType.Timestamp)
                : (w, v) => w.Write(DateTime.SpecifyKind((DateTime)v, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
        }

        if (type == typeof(DateTimeOffset)) return (w, v) => w.Write(((DateTimeOffset)v).ToUniversalTime(), NpgsqlDbType.TimestampTz);
        throw new DataToolkitException($"The data toolkit cannot write {type.Name} columns ({column.Name}) to PostgreSQL yet.");
    }
}
