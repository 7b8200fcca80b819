using Microsoft.Data.Sqlite;
using Npgsql;

namespace KamHub.Core.DataToolkit.Moves;

/// <summary>
/// The module's source as of one instant for the move's copy, so a child row never arrives without the parent it
/// references (tables are read one after another while writes go on). PostgreSQL: a repeatable-read transaction held
/// open whose snapshot every table reader imports (<c>pg_export_snapshot</c>). SQLite: an online backup of the file
/// (one consistent read) that the copy reads instead. Taken after capture is installed, so every later write is logged.
/// </summary>
internal sealed class ConsistentSource : IAsyncDisposable
{
    private readonly NpgsqlConnection? _holder;
    private readonly string? _backupFile;

    private ConsistentSource(DataEndpoint endpoint, string? snapshot, NpgsqlConnection? holder, string? backupFile)
    {
        (Endpoint, Snapshot, _holder, _backupFile) = (endpoint, snapshot, holder, backupFile);
    }

    public DataEndpoint Endpoint { get; }

    public string? Snapshot { get; }

    public static async Task<ConsistentSource> TakeAsync(DataEndpoint source, CancellationToken ct)
    {
        if (source.IsSqlite)
        {
            var file = source.SqliteFile + $".move-{Guid.NewGuid():N}.db";
            await using (var from = (SqliteConnection)await source.OpenAsync(ct))
            await using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()))
            {
                await to.OpenAsync(ct);
                from.BackupDatabase(to);
            }

            return new ConsistentSource(DataEndpoint.Parse($"Data Source={file}", "source snapshot"), null, null, file);
        }

        var holder = (NpgsqlConnection)await source.OpenAsync(ct);
        await using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
            await begin.ExecuteNonQueryAsync(ct);
        }

        await using var export = holder.CreateCommand();
        export.CommandText = "SELECT pg_export_snapshot()";
        var snapshot = (string)(await export.ExecuteScalarAsync(ct))!;
        return new ConsistentSource(source, snapshot, holder, null);
    }

    public async ValueTask DisposeAsync()
    {
        if (_holder is not null)
        {
            await using (var end = _holder.CreateCommand())
            {
                end.CommandText = "ROLLBACK";
                await end.ExecuteNonQueryAsync();
            }

            await _holder.DisposeAsync();
        }

        if (_backupFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_backupFile + suffix);
        }
    }
}
