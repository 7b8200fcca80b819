using System.Data.Common;
using KamHub.Core.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace KamHub.Core.DataToolkit;

/// <summary>One side of a copy or verify: a connection string as KamHub's configuration takes it, checked before use.</summary>
public sealed record DataEndpoint(DatabaseProvider Provider, string ConnectionString, string Label)
{
    /// <summary>Parses <paramref name="raw"/> (<c>Data Source=…</c> or <c>Host=…;Database=…</c>); <paramref name="role"/> names it in errors (--from, --to).</summary>
    public static DataEndpoint Parse(string? raw, string role)
    {
        if (string.IsNullOrWhiteSpace(raw)) throw new DataToolkitException($"{role}: a connection string is required (Data Source=FILE or Host=…;Database=…).");
        var provider = ModuleConnection.Detect(raw);
        try
        {
            if (provider == DatabaseProvider.PostgreSql)
            {
                var pg = new NpgsqlConnectionStringBuilder(raw);
                if (string.IsNullOrWhiteSpace(pg.Database)) throw new DataToolkitException($"{role}: the PostgreSQL connection string names no Database.");
                return new DataEndpoint(provider, pg.ConnectionString, $"PostgreSQL {pg.Host}:{pg.Port}/{pg.Database}");
            }

            var sqlite = new SqliteConnectionStringBuilder(raw);
            if (string.IsNullOrWhiteSpace(sqlite.DataSource)) throw new DataToolkitException($"{role}: the SQLite connection string names no Data Source.");
            sqlite.DataSource = Path.GetFullPath(sqlite.DataSource);
            sqlite.Pooling = false;
            return new DataEndpoint(provider, sqlite.ConnectionString, $"SQLite {sqlite.DataSource}");
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            throw new DataToolkitException($"{role}: not a valid connection string ({ex.Message})", ex);
        }
    }

    public bool IsSqlite => Provider == DatabaseProvider.Sqlite;

    /// <summary>SQLite: the file path; PostgreSQL: host, port and database.</summary>
    public string SqliteFile => new SqliteConnectionStringBuilder(ConnectionString).DataSource;

    /// <summary>A source is opened read-only where the provider can enforce it, so a copy can never change it.</summary>
    public DataEndpoint ReadOnly()
    {
        if (!IsSqlite) return this;
        if (!File.Exists(SqliteFile)) throw new DataToolkitException($"{Label}: no such database file.");
        var builder = new SqliteConnectionStringBuilder(ConnectionString) { Mode = SqliteOpenMode.ReadOnly };
        return this with { ConnectionString = builder.ConnectionString };
    }

    public DbConnection CreateConnection() => IsSqlite ? new SqliteConnection(ConnectionString) : new NpgsqlConnection(ConnectionString);

    /// <summary>Opens a connection, turning "cannot connect" into a one-line error naming the endpoint.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = CreateConnection();
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch (Exception ex) when (ex is DbException or System.Net.Sockets.SocketException or TimeoutException or InvalidOperationException)
        {
            await connection.DisposeAsync();
            throw new DataToolkitException($"{Label}: cannot connect ({FirstLine(ex.Message)})", ex);
        }
    }

    public override string ToString() => Label;

    internal static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
