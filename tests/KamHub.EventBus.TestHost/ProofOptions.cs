namespace KamHub.EventBus.TestHost;

/// <summary>What this process does (section <c>Proof</c>, so tests set it with Proof__Events=… environment variables).</summary>
public sealed class ProofOptions
{
    public const string SectionName = "Proof";

    /// <summary>Names this process in business and effect rows.</summary>
    public string Instance { get; set; } = "a";

    /// <summary>Events this instance publishes in all (a restarted instance continues where its committed rows end).</summary>
    public int Events { get; set; }

    /// <summary>Aggregates the events are spread over (shared by every instance).</summary>
    public int Aggregates { get; set; } = 100;

    /// <summary>Events per publishing transaction, each on a different aggregate.</summary>
    public int EventsPerTransaction { get; set; } = 1;

    /// <summary>Publishing loops running at once.</summary>
    public int Publishers { get; set; } = 2;

    /// <summary>0: as fast as possible; otherwise events per second over all loops of this process.</summary>
    public int Rate { get; set; }

    /// <summary>Business rows of every instance together; with it the process exits once all are handled.</summary>
    public int ExitWhenTotal { get; set; }
}
