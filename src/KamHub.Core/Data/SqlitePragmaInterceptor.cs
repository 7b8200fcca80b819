using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KamHub.Core.Data;

/// <summary>
/// WAL lets readers run beside the single writer; synchronous=NORMAL is the safe pairing for WAL;
/// foreign keys are off by default in SQLite.
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var command = connection.CreateCommand();
                command.CommandText = Pragmas;
                command.ExecuteNonQuery();
                return;
            }
            catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.SqliteErrorCode is 5 or 8 && attempt < 20)
            {
                // Two processes opening a brand-new database at once: while one creates the WAL files, the other's
                // switch to WAL sees SQLITE_BUSY or SQLITE_READONLY for a moment. Bounded retry, then give up.
                Thread.Sleep(25 * attempt);
            }
        }
    }
}
