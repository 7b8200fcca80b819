using KamHub.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Core.Tests.Data;

/// <summary>
/// A write run through <see cref="SqliteWriteLock"/> on SQLite owns the database's write lock from its first moment, so it
/// waits in SQLite's busy handler for a writer ahead of it instead of failing on a stale snapshot (and sleeping 150 ms
/// in Microsoft.Data.Sqlite's retry loop).
/// </summary>
public sealed class SqliteWriteLockTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"kamhub-write-lock-{Guid.NewGuid():N}.db");
    private DbContext _db = null!;

    public async Task InitializeAsync()
    {
        _db = new DbContext(new DbContextOptionsBuilder().UseSqlite($"Data Source={_file};Pooling=False").Options);
        await _db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL");
        await _db.Database.ExecuteSqlRawAsync("CREATE TABLE counters (n INTEGER NOT NULL)");
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_file + suffix);
    }

    [Fact]
    public async Task RunAsync_OnSqlite_HoldsTheWriteLockBeforeTheWriteStarts()
    {
        var otherWriterGotIn = await SqliteWriteLock.RunAsync(_db, () => OtherWriterCanBeginAsync(), CancellationToken.None);

        Assert.False(otherWriterGotIn);
        Assert.True(await OtherWriterCanBeginAsync());
    }

    [Fact]
    public async Task RunAsync_InsideTheCallersTransaction_RunsInIt()
    {
        await using var transaction = await _db.Database.BeginTransactionAsync();

        var inner = await SqliteWriteLock.RunAsync(_db, () => Task.FromResult(_db.Database.CurrentTransaction), CancellationToken.None);

        Assert.Same(transaction, inner);
    }

    /// <summary>Whether a second connection can take the write lock right now (no waiting).</summary>
    private async Task<bool> OtherWriterCanBeginAsync()
    {
        await using var other = new SqliteConnection($"Data Source={_file};Pooling=False");
        await other.OpenAsync();
        await using var noWait = other.CreateCommand();
        noWait.CommandText = "PRAGMA busy_timeout = 0";
        await noWait.ExecuteNonQueryAsync();
        await using var begin = other.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        // Microsoft.Data.Sqlite retries a busy statement until the command timeout: one second is "not now".
        begin.CommandTimeout = 1;
        try
        {
            await begin.ExecuteNonQueryAsync();
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 5)
        {
            return false;
        }

        await using var rollback = other.CreateCommand();
        rollback.CommandText = "ROLLBACK";
        await rollback.ExecuteNonQueryAsync();
        return true;
    }
}
