using Microsoft.EntityFrameworkCore;

namespace KamHub.Core.Migrations;

/// <summary>
/// A PostgreSQL session advisory lock per module, held across a whole <c>migrate up</c> or <c>down</c>. EF Core's own
/// lock on PostgreSQL (LOCK TABLE on the history table) ends with each migration's transaction, and EF does not
/// re-read the history when it re-takes it: with two or more pending migrations, a second process could apply a
/// migration the first had just applied ("relation already exists"). SQLite needs nothing: EF holds its lock table
/// for the whole run there.
/// </summary>
internal sealed class MigrationSessionLock : IAsyncDisposable
{
    private readonly DbContext _context;
    private readonly string _key;

    private MigrationSessionLock(DbContext context, string key)
    {
        _context = context;
        _key = key;
    }

    /// <summary>Null on SQLite. Keeps the context's connection open, so EF migrates on the session that holds the lock.</summary>
    public static async Task<MigrationSessionLock?> AcquireAsync(DbContext context, string schema, CancellationToken ct)
    {
        if (context.Database.IsSqlite()) return null;
        var key = "kamhub.migrate." + schema;
        await context.Database.OpenConnectionAsync(ct);
        await context.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock(hashtext({key}))", ct);
        return new MigrationSessionLock(context, key);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _context.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock(hashtext({_key}))");
        }
        finally
        {
            // Closing returns the session to the pool; PostgreSQL drops a session's locks when it ends anyway.
            await _context.Database.CloseConnectionAsync();
        }
    }
}
