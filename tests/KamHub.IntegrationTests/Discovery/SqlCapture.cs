using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace KamHub.IntegrationTests.Discovery;

/// <summary>A SQL command exactly as EF sent it, with copies of its parameters, so a test can EXPLAIN it.</summary>
/// <param name="InTransaction">The command ran inside an explicit transaction (not autocommit).</param>
internal sealed record CapturedCommand(string ConnectionString, string Sql, IReadOnlyList<DbParameter> Parameters, bool InTransaction = false)
{
    /// <summary>The plan, one line per row: EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL.</summary>
    /// <param name="withoutSeqScan">
    /// PostgreSQL only: plan with sequential and plain index scans discouraged, to prove the full-text index can serve the query. On the few
    /// thousand rows a test seeds, a sequential read of stored vectors is honestly cheaper; at 100,000 the planner
    /// picks the index by itself (docs/benchmarks.md).
    /// </param>
    public async Task<string> ExplainAsync(bool withoutSeqScan = false)
    {
        await using DbConnection connection = ConnectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            ? new NpgsqlConnection(ConnectionString)
            : new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        var sqlite = connection is SqliteConnection;
        // Plain index scans go too: otherwise the planner may walk the primary key and filter every row instead.
        // GIN is only ever read through bitmap scans, which stay allowed.
        if (withoutSeqScan && !sqlite) await RunOnAsync(connection, "SET enable_seqscan = off; SET enable_indexscan = off");
        await using var command = connection.CreateCommand();
        command.CommandText = (sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + Sql;
        foreach (var p in Parameters) command.Parameters.Add(p);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(sqlite ? 3 : 0));
        return string.Join('\n', lines);
    }

    private static async Task RunOnAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public static async Task RunAsync(string connectionString, string sql)
    {
        await using DbConnection connection = connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            ? new NpgsqlConnection(connectionString)
            : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// Records the commands EF runs against one database through EF's DiagnosticListener (public API; no access to the
/// module's internals needed). Hosts of other tests running in parallel are told apart by their connection string.
/// </summary>
internal sealed class SqlCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _databaseMarker;
    private readonly ConcurrentQueue<CapturedCommand> _commands = new();
    private readonly List<IDisposable> _subscriptions = [];

    public SqlCapture(string databaseMarker)
    {
        _databaseMarker = databaseMarker;
        lock (_subscriptions) _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    public IReadOnlyList<CapturedCommand> Commands => _commands.ToArray();

    public void Clear() => _commands.Clear();

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name != DbLoggerCategory.Name) return;
        lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key != RelationalEventId.CommandExecuting.Name || value.Value is not CommandEventData data) return;
        var connection = data.Command.Connection?.ConnectionString ?? "";
        if (!connection.Contains(_databaseMarker, StringComparison.Ordinal)) return;
        var parameters = data.Command.Parameters.Cast<DbParameter>().Select(Copy).ToList();
        _commands.Enqueue(new CapturedCommand(connection, data.Command.CommandText, parameters, data.Command.Transaction is not null));
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        lock (_subscriptions)
        {
            foreach (var s in _subscriptions) s.Dispose();
            _subscriptions.Clear();
        }
    }

    private static DbParameter Copy(DbParameter p) => p switch
    {
        NpgsqlParameter npgsql => npgsql.Clone(),
        SqliteParameter sqlite => new SqliteParameter(sqlite.ParameterName, sqlite.Value) { SqliteType = sqlite.SqliteType, Size = sqlite.Size },
        _ => throw new NotSupportedException(p.GetType().Name),
    };
}
