using System.Globalization;

namespace KamHub.EventBus.TestHost;

/// <summary>
/// CPU time of a PostgreSQL server (the postmaster and its backends) read from /proc. Shared with bench/events' Wolverine
/// run (linked into that project), so both sides of the comparison measure the server the same way.
/// </summary>
internal static class PostgresServerCpu
{
    /// <summary>utime + stime (clock ticks) of the postmaster and each of its children, by pid; empty without a pid.</summary>
    public static Dictionary<int, long> Ticks(int postmasterPid)
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

    /// <summary>
    /// Milliseconds of server CPU since <paramref name="before"/>, per process, so a backend or autovacuum worker that exits
    /// in between does not take its earlier CPU with it (what it spent during the run is lost then: a slight underestimate,
    /// never negative).
    /// </summary>
    public static double MillisecondsSince(int postmasterPid, Dictionary<int, long> before) =>
        Ticks(postmasterPid).Sum(p => p.Value - before.GetValueOrDefault(p.Key)) * 10.0; // USER_HZ: 1/100 s on every common Linux
}
