using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace KamHub.Core.Data;

/// <summary>
/// PostgreSQL only: sends a transaction's last statement and its COMMIT in one batch, one round trip. A row that
/// statement locks is released by the server right after it, with no client round trip in between: for a contended
/// row (a departure's seat counter) the lock is held for the server's time only, not for the time the client takes
/// to answer under load. When the statement fails, PostgreSQL skips the COMMIT (the rest of a batch is not run after an
/// error): the exception surfaces here and the caller rolls the transaction back as usual.
/// EF Core's transaction object did not send that COMMIT, so its interceptors hear of it here, as they would from
/// <see cref="IDbContextTransaction.CommitAsync"/> (the outbox counts the events as published and wakes the
/// dispatcher); the caller then only disposes the transaction.
/// </summary>
public static class PipelinedCommit
{
    public static async Task ExecuteAndCommitAsync(DbContext db, string sql, IReadOnlyList<object> parameters, CancellationToken ct)
    {
        var efTransaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("PipelinedCommit needs an open transaction.");
        var transaction = (NpgsqlTransaction)efTransaction.GetDbTransaction();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var startTime = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            var statement = new NpgsqlBatchCommand(sql);
            foreach (var value in parameters) statement.Parameters.Add(new NpgsqlParameter { Value = value });
            batch.BatchCommands.Add(statement);
            batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
            await batch.ExecuteNonQueryAsync(ct);
        }

        var logger = db.GetService<IDiagnosticsLogger<DbLoggerCategory.Database.Transaction>>();
        await logger.TransactionCommittedAsync(db.GetService<IRelationalConnection>(), transaction, efTransaction.TransactionId, startTime, watch.Elapsed, ct);
    }
}
