using System.Globalization;
using KamHub.Core.Data;
using KamHub.Notifications.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KamHub.Notifications.Partitions;

/// <summary>
/// Keeps the delivery log's months: on PostgreSQL creates the month partitions ahead (the migration's function) and
/// drops whole partitions older than the retention; on SQLite deletes those rows. At-most-once keys of the dropped
/// months go with them.
/// </summary>
internal sealed class DeliveryLogRetention(NotificationsDbContext db, IOptions<NotificationsOptions> options, TimeProvider clock,
    ILogger<DeliveryLogRetention> logger)
{
    public const string PartitionPrefix = "deliveries_";
    public const string DefaultPartition = "deliveries_default";

    public async Task<RetentionResult> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var thisMonth = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var cutoff = thisMonth.AddMonths(-options.Value.RetentionMonths);
        var created = 0;
        var dropped = new List<string>();
        if (db.Database.IsSqlite())
        {
            // Under the write lock taken up front (as the event bus does): an autocommit DELETE that meets a concurrent
            // commit gets SQLITE_BUSY and Microsoft.Data.Sqlite sleeps 150 ms before retrying, a slow query at every start.
            await SqliteWriteLock.RunAsync(db, () => db.Deliveries.Where(d => d.CreatedAt < cutoff).ExecuteDeleteAsync(ct), ct);
        }
        else
        {
            created = await CreateAheadAsync(DateOnly.FromDateTime(thisMonth), ct);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM notifications.deliveries_default WHERE created_at < {0}", [cutoff], ct);
            foreach (var partition in await PartitionsAsync(ct))
            {
                if (MonthOf(partition) is not { } month || month >= cutoff) continue;
                // The name comes from pg_inherits and matched deliveries_YYYY_MM above: no user input.
#pragma warning disable EF1002, EF1003
                await db.Database.ExecuteSqlRawAsync($"DROP TABLE IF EXISTS notifications.\"{partition}\"", ct);
#pragma warning restore EF1002, EF1003
                dropped.Add(partition);
                logger.LogInformation("Dropped delivery log partition {Partition} (older than {Months} months)", partition, options.Value.RetentionMonths);
            }
        }

        await SqliteWriteLock.RunAsync(db, () => db.DeliveryKeys.Where(k => k.CreatedAt < cutoff).ExecuteDeleteAsync(ct), ct);
        return new RetentionResult(created, dropped);
    }

    /// <summary>The partitions of the delivery log, by name (deliveries_YYYY_MM).</summary>
    public async Task<List<string>> PartitionsAsync(CancellationToken ct) =>
        await db.Database.SqlQueryRaw<string>(
            "SELECT c.relname::text AS \"Value\" FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent " +
            "JOIN pg_namespace n ON n.oid = p.relnamespace WHERE n.nspname = 'notifications' AND p.relname = 'deliveries' ORDER BY 1").ToListAsync(ct);

    private async Task<int> CreateAheadAsync(DateOnly thisMonth, CancellationToken ct)
    {
        try
        {
            return await db.Database.SqlQueryRaw<int>("SELECT notifications.ensure_delivery_partitions({0}, {1}) AS \"Value\"", thisMonth, options.Value.PartitionsAhead)
                .SingleAsync(ct);
        }
        catch (Npgsql.PostgresException ex) when (ex.SqlState is Npgsql.PostgresErrorCodes.DuplicateTable or Npgsql.PostgresErrorCodes.UniqueViolation)
        {
            // Another instance made the same partition a moment ago (the function's advisory lock makes this rare).
            return 0;
        }
    }

    private static DateTime? MonthOf(string partition) =>
        partition.StartsWith(PartitionPrefix, StringComparison.Ordinal)
        && DateTime.TryParseExact(partition[PartitionPrefix.Length..], "yyyy_MM", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var month)
            ? DateTime.SpecifyKind(month, DateTimeKind.Utc)
            : null;
}

internal sealed record RetentionResult(int PartitionsCreated, IReadOnlyList<string> PartitionsDropped);
