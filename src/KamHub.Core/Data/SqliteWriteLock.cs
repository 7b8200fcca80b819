using Microsoft.EntityFrameworkCore;

namespace KamHub.Core.Data;

/// <summary>
/// SQLite: runs a write that would otherwise be a statement of its own (autocommit) in a transaction that takes the
/// write lock when it begins (Microsoft.Data.Sqlite begins IMMEDIATE). An autocommit UPDATE first reads, then asks for
/// the lock; if another connection committed in between, SQLite answers SQLITE_BUSY at once (its snapshot is stale,
/// so it does not wait), and Microsoft.Data.Sqlite then sleeps 150 ms before it tries again. Under a steady stream of
/// commits that was most of the event bus's latency on SQLite (completions taking 150, 300 … 750 ms). BEGIN IMMEDIATE
/// waits in SQLite's own busy handler instead, which retries within a millisecond or two. Elsewhere (PostgreSQL, or
/// inside a transaction the caller opened) the write runs as it is.
/// </summary>
public static class SqliteWriteLock
{
    public static async Task<T> RunAsync<T>(DbContext db, Func<Task<T>> write, CancellationToken ct)
    {
        if (!db.Database.IsSqlite() || db.Database.CurrentTransaction is not null) return await write();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await write();
        await transaction.CommitAsync(ct);
        return result;
    }
}
