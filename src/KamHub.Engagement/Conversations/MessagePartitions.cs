using System.Globalization;
using KamHub.Engagement.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KamHub.Engagement.Conversations;

/// <summary>
/// The monthly partitions of the messages table on PostgreSQL (ADR 0019): <c>messages_yYYYYmMM</c> holds created_at in
/// [first of the month, first of the next), UTC. Created ahead by <see cref="MessagePartitionWorker"/> and on demand
/// when an insert finds no partition for its month; partitions wholly older than the retention are dropped (a DROP
/// TABLE of a month, not a DELETE of its rows). Nothing to do on SQLite, where messages is a plain table.
/// </summary>
internal sealed class MessagePartitions(EngagementDbContext db)
{
    /// <summary>No partition of relation found for row (SQLSTATE 23514, check_violation, with this message).</summary>
    public static bool IsMissingPartition(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
            if (e is PostgresException { SqlState: PostgresErrorCodes.CheckViolation } pg && pg.MessageText.Contains("no partition", StringComparison.Ordinal)) return true;
        return false;
    }

    public bool Partitioned => db.Database.IsNpgsql();

    public async Task EnsureMonthsAsync(DateTime from, int monthsAhead, CancellationToken ct)
    {
        if (!Partitioned) return;
        var month = MonthOf(from);
        for (var i = 0; i <= monthsAhead; i++, month = month.AddMonths(1))
        {
            // Names and bounds come from dates formatted here, never from input.
            var create = $"""
                CREATE TABLE IF NOT EXISTS {Qualified(NameOf(month))} PARTITION OF {Qualified("messages")}
                FOR VALUES FROM ('{Literal(month)}') TO ('{Literal(month.AddMonths(1))}')
                """;
            await db.Database.ExecuteSqlRawAsync(create, ct);
        }
    }

    /// <summary>Drops the partitions that end on or before the first of the month <paramref name="keepMonths"/> before <paramref name="now"/>'s; returns their names.</summary>
    public async Task<IReadOnlyList<string>> DropOlderThanAsync(DateTime now, int keepMonths, CancellationToken ct)
    {
        if (!Partitioned || keepMonths <= 0) return [];
        var cutoff = MonthOf(now).AddMonths(-keepMonths);
        var dropped = new List<string>();
        foreach (var name in await ListAsync(ct))
        {
            if (!DateTime.TryParseExact(name["messages_".Length..], "'y'yyyy'm'MM", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal,
                    out var month) || month.AddMonths(1) > cutoff) continue;
            var drop = $"DROP TABLE IF EXISTS {Qualified(name)}";
            await db.Database.ExecuteSqlRawAsync(drop, ct);
            dropped.Add(name);
        }

        return dropped;
    }

    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken ct) =>
        await db.Database.SqlQuery<string>($"""
            SELECT c.relname::text AS "Value" FROM pg_inherits i
            JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace n ON n.oid = p.relnamespace
            WHERE p.relname = 'messages' AND n.nspname = {Schema} ORDER BY c.relname
            """).ToListAsync(ct);

    public static string NameOf(DateTime month) => $"messages_y{month:yyyy}m{month:MM}";

    private string Schema => db.Model.FindEntityType(typeof(Message))!.GetSchema() ?? "public";

    private string Qualified(string table) => $"\"{Schema}\".\"{table}\"";

    private static DateTime MonthOf(DateTime at) => new(at.Year, at.Month, 1, 0, 0, 0, DateTimeKind.Utc);

    private static string Literal(DateTime month) => month.ToString("yyyy-MM-dd' 00:00:00+00'", CultureInfo.InvariantCulture);
}
