using System.Data;
using System.Data.Common;
using KamHub.Discovery.Availability;
using KamHub.Discovery.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace KamHub.Discovery.Search.Index;

/// <summary>
/// Reads the catalogue and the change feed (<see cref="SearchChanges"/>) for <see cref="TourSearchIndex"/>. A position
/// on the feed means: every change before it is reflected in what was read. PostgreSQL: the oldest transaction still
/// running in the snapshot read (<c>pg_snapshot_xmin</c>): every transaction older than it has ended, so its feed rows
/// were visible to that snapshot; rows of newer ones are read again next time (re-reading is harmless, changes are
/// applied by reloading the current rows). SQLite: the last feed row id (one writer at a time: ids commit in order).
/// </summary>
internal static class ChangeFeedReader
{
    /// <summary>Changes one poll takes before it prefers a full reload.</summary>
    public const int MaxChangesPerPoll = 20_000;

    public sealed record FullState(long Position, List<Tour> Tours, List<TourDeparture> Departures);

    public sealed record Change(long Id, Guid TourId, bool IsTour);

    /// <summary>Every published tour and every upcoming departure, and the feed position they are consistent with.</summary>
    public static async Task<FullState> LoadAllAsync(DiscoveryDbContext db, DateTime now, CancellationToken ct)
    {
        var sqlite = db.Database.IsSqlite();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            await using var snapshot = sqlite
                ? (DbTransaction)((SqliteConnection)connection).BeginTransaction(deferred: true)
                : await ((NpgsqlConnection)connection).BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            await db.Database.UseTransactionAsync(snapshot, ct);
            // The first statement takes the snapshot every later one reads.
            var position = await ScalarAsync(db, sqlite
                ? $"SELECT coalesce(max(id), 0) FROM {SearchChanges.Name(true)}"
                : "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint", ct);
            var tours = await db.Tours.AsNoTracking().Where(t => t.Status == TourStatus.Published).ToListAsync(ct);
            var departures = await Upcoming(db, now).ToListAsync(ct);
            await db.Database.UseTransactionAsync(null, ct);
            await snapshot.RollbackAsync(ct);
            return new FullState(position, tours, departures);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Feed rows from <paramref name="position"/> on (at most <see cref="MaxChangesPerPoll"/> + 1) and the next position.</summary>
    public static async Task<(List<Change> Changes, long Position)> ChangesAsync(DiscoveryDbContext db, long position, CancellationToken ct)
    {
        var sqlite = db.Database.IsSqlite();
        var sql = sqlite
            ? $"SELECT id, tour_id, kind FROM {SearchChanges.Name(true)} WHERE id > @p ORDER BY id LIMIT {MaxChangesPerPoll + 1}"
            // One statement, one snapshot: the horizon and the rows agree. The left join returns the horizon when no row matches.
            : $"SELECT c.id, c.tour_id, c.kind, s.horizon FROM (SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS horizon) s " +
              $"LEFT JOIN {SearchChanges.Name(false)} c ON c.xid >= @p LIMIT {MaxChangesPerPoll + 1}";
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p";
            parameter.Value = position;
            command.Parameters.Add(parameter);
            var changes = new List<Change>();
            var next = position;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                if (!sqlite) next = reader.GetInt64(3);
                if (reader.IsDBNull(0)) continue;
                var change = new Change(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2) == SearchChanges.TourKind);
                changes.Add(change);
                if (sqlite) next = Math.Max(next, change.Id);
            }

            return (changes, next);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static Task<List<Tour>> ToursAsync(DiscoveryDbContext db, List<Guid> ids, CancellationToken ct) =>
        db.Tours.AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync(ct);

    public static Task<List<TourDeparture>> DeparturesAsync(DiscoveryDbContext db, List<Guid> tourIds, DateTime now, CancellationToken ct) =>
        Upcoming(db, now).Where(d => tourIds.Contains(d.TourId)).ToListAsync(ct);

    /// <summary>Feed rows past <see cref="SearchChanges.Retention"/> go (any instance may run it: a plain delete).</summary>
    public static Task<int> PruneAsync(DiscoveryDbContext db, CancellationToken ct) => db.Database.ExecuteSqlRawAsync(db.Database.IsSqlite()
        ? $"DELETE FROM {SearchChanges.Name(true)} WHERE changed_at < strftime('%Y-%m-%d %H:%M:%f', 'now', '-{(int)SearchChanges.Retention.TotalSeconds} seconds')"
        : $"DELETE FROM {SearchChanges.Name(false)} WHERE changed_at < now() - interval '{(int)SearchChanges.Retention.TotalSeconds} seconds'", ct);

    /// <summary>Departures a search can still offer: scheduled, not cancelled, not started; in start order.</summary>
    private static IQueryable<TourDeparture> Upcoming(DiscoveryDbContext db, DateTime now) =>
        db.Departures.AsNoTracking().Where(d => !d.Cancelled && d.StartsAt != null && d.StartsAt > now).OrderBy(d => d.TourId).ThenBy(d => d.StartsAt).ThenBy(d => d.DepartureId);

    private static async Task<long> ScalarAsync(DiscoveryDbContext db, string sql, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static UpcomingDeparture ToUpcoming(TourDeparture d) => new(d.DepartureId, Utc(d.StartsAt!.Value), Utc(d.StartsLocal ?? d.StartsAt.Value), d.SeatsLeft,
        d.BookableUntil is { } until ? Utc(until) : null);

    private static DateTime Utc(DateTime stored) => DateTime.SpecifyKind(stored, DateTimeKind.Utc);
}
