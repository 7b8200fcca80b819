using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KamHub.Core.Data;

/// <summary>
/// Runs a module's work in one transaction with its tracked changes and outbox events. PostgreSQL may pick a
/// deadlock or serialization victim when two transactions lock rows in a different order; that attempt is rolled
/// back (nothing of it was committed) and run again.
/// EF's automatic savepoint around SaveChanges is off inside it: a failed statement fails the whole attempt (nothing
/// here catches a database error to go on in the same transaction), so the SAVEPOINT and RELEASE round trips bought nothing.
/// </summary>
public static class RetryingTransaction
{
    private const int Attempts = 3;

    /// <summary><paramref name="work"/> answers whether to commit; false rolls back everything it did.</summary>
    public static async Task<T> RunAsync<T>(DbContext db, Func<CancellationToken, Task<(bool Commit, T Result)>> work, CancellationToken ct)
    {
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            return await RunAttemptsAsync(db, work, ct);
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }
    }

    private static async Task<T> RunAttemptsAsync<T>(DbContext db, Func<CancellationToken, Task<(bool Commit, T Result)>> work, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var (commit, result) = await work(ct);
                if (!commit)
                {
                    await transaction.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                    return result;
                }

                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return result;
            }
            catch (Exception ex) when (attempt < Attempts && IsTransient(ex))
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private static bool IsTransient(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure }) return true;
        }

        return false;
    }
}
