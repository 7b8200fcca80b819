using System.Globalization;

namespace KamHub.IntegrationTests.EventProofs;

public static class ProofSettings
{
    public const int TotalEvents = 10_000;

    /// <summary>How long a whole run may take before the test gives up (a bound, not a performance assertion).</summary>
    public static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(8);

    /// <summary>The TestHost settings of one instance publishing <paramref name="events"/> of <see cref="TotalEvents"/>.</summary>
    public static Dictionary<string, string> For(string instance, int events, TimeSpan lease) => new()
    {
        ["Proof__Instance"] = instance,
        ["Proof__Events"] = events.ToString(CultureInfo.InvariantCulture),
        ["Proof__ExitWhenTotal"] = TotalEvents.ToString(CultureInfo.InvariantCulture),
        ["Proof__Aggregates"] = "100",
        ["Proof__EventsPerTransaction"] = "5",
        ["Proof__Publishers"] = "2",
        // Other instances' commits are only seen by polling; a short lease lets a restart take over a killed one's claims soon.
        ["KamHub__Events__PollInterval"] = "00:00:00.100",
        ["KamHub__Events__LeaseDuration"] = lease.ToString("c", CultureInfo.InvariantCulture),
        ["KamHub__Events__MaintenanceInterval"] = "01:00:00",
        ["KamHub__Database__SlowQueryThresholdMs"] = "10000",
    };
}
