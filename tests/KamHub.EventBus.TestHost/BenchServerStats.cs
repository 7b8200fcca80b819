using Microsoft.EntityFrameworkCore;

namespace KamHub.EventBus.TestHost;

/// <summary>
/// What the bench's PostgreSQL spent during the timed part: CPU of the postmaster and its backends (read from /proc,
/// so only where the bench script passes the postmaster's pid) and, when pg_stat_statements is loaded, the
/// statements this database ran and their execution time. Both depend far less on machine load than rates.
/// </summary>
internal sealed class BenchServerStats(int postmasterPid)
{
    private Dictionary<int, long> _ticksBefore = [];

    public static bool StatementsAvailable(ProofDbContext db) =>
        db.Database.IsNpgsql() && db.Database.SqlQueryRaw<int>("SELECT CAST(COUNT(*) AS INTEGER) AS \"Value\" FROM pg_extension WHERE extname = 'pg_stat_statements'").AsEnumerable().Single() > 0;

    public async Task StartAsync(ProofDbContext db, CancellationToken ct)
    {
        if (StatementsAvailable(db)) await db.Database.ExecuteSqlRawAsync("SELECT pg_stat_statements_reset()", ct);
        _ticksBefore = PostgresServerCpu.Ticks(postmasterPid);
    }

    /// <summary>(server CPU ms, statements, statement execution ms); null parts when not measurable here.</summary>
    public async Task<(double? CpuMs, long? Statements, double? ExecMs)> StopAsync(ProofDbContext db, CancellationToken ct)
    {
        double? cpu = postmasterPid > 0 && db.Database.IsNpgsql()
            ? PostgresServerCpu.MillisecondsSince(postmasterPid, _ticksBefore)
            : null;
        if (!StatementsAvailable(db)) return (cpu, null, null);
        // The bench's own progress polling (COUNT queries) and this query are not the bus's work.
        var rows = await db.Database.SqlQueryRaw<StatementTotals>("""
            SELECT CAST(COALESCE(SUM(calls), 0) AS BIGINT) AS "Calls", CAST(COALESCE(SUM(total_exec_time), 0) AS DOUBLE PRECISION) AS "ExecMs"
            FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND query NOT ILIKE '%count(%' AND query NOT ILIKE '%pg_stat_statements%' AND query NOT ILIKE '%CASE WHEN EXISTS%'
            """).ToListAsync(ct);
        return (cpu, rows[0].Calls, rows[0].ExecMs);
    }

    internal sealed class StatementTotals
    {
        public long Calls { get; set; }

        public double ExecMs { get; set; }
    }
}
