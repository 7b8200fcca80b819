using System.Globalization;
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
        _ticksBefore = ServerTicks();
    }

    /// <summary>(server CPU ms, statements, statement execution ms); null parts when not measurable here.</summary>
    public async Task<(double? CpuMs, long? Statements, double? ExecMs)> StopAsync(ProofDbContext db, CancellationToken ct)
    {
        // Per process, so a backend or autovacuum worker that exits in between does not take its earlier CPU with it
        // (what it spent during the run is lost then: the figure is a slight underestimate, never negative).
        double? cpu = postmasterPid > 0 && db.Database.IsNpgsql()
            ? ServerTicks().Sum(p => p.Value - _ticksBefore.GetValueOrDefault(p.Key)) * 10.0 // USER_HZ: 1/100 s on every common Linux
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

    /// <summary>utime + stime (clock ticks) of the postmaster and each of its children, by pid.</summary>
    private Dictionary<int, long> ServerTicks()
    {
        var ticks = new Dictionary<int, long>();
        if (postmasterPid <= 0) return ticks;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            // Fields after the command name (which is in parentheses and may contain spaces): state ppid … utime(14) stime(15).
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ppid = int.Parse(fields[1], CultureInfo.InvariantCulture);
            if (pid != postmasterPid && ppid != postmasterPid) continue;
            ticks[pid] = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }

        return ticks;
    }

    internal sealed class StatementTotals
    {
        public long Calls { get; set; }

        public double ExecMs { get; set; }
    }
}
