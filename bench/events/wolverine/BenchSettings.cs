namespace KamHub.Bench.Wolverine;

/// <summary>The TestHost's settings, under the same configuration keys, so bench/events/run.sh passes both the same.</summary>
internal sealed record BenchSettings(
    string Connection, int Events, int Aggregates, int Publishers, int EventsPerTransaction, int Rate, int WarmupEvents, int PostmasterPid, bool Ordered)
{
    public static BenchSettings From(IConfiguration c) => new(
        c.GetConnectionString("Platform") ?? throw new InvalidOperationException("ConnectionStrings__Platform (PostgreSQL) is required."),
        c.GetValue("Proof:Events", 5000),
        c.GetValue("Proof:Aggregates", 100),
        c.GetValue("Proof:Publishers", 2),
        c.GetValue("Proof:EventsPerTransaction", 1),
        c.GetValue("Proof:Rate", 0),
        c.GetValue("Bench:WarmupEvents", 0),
        c.GetValue("Bench:PostmasterPid", 0),
        c.GetValue("Bench:Ordered", true));
}
