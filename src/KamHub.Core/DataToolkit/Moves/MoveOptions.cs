using KamHub.Core.Hosting;

namespace KamHub.Core.DataToolkit.Moves;

/// <summary><c>KamHub:Moves</c>: how often each instance re-reads the moves and runs the mirror.</summary>
public sealed class MoveOptions : IValidatedOptions
{
    public const string SectionName = "KamHub:Moves";

    /// <summary>How often every instance re-reads the move rows (routing) — a change reaches all instances within it.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Pause of the mirror worker when it found nothing to apply.</summary>
    public TimeSpan MirrorInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Changes applied per mirror transaction.</summary>
    public int MirrorBatch { get; set; } = 500;

    /// <summary>Share (0–100 %) of a moving module's read requests whose rows are also read and compared on the other database (shadow reads).</summary>
    public int ShadowReadPercent { get; set; } = 5;

    /// <summary>How long a shadow read's check may wait for the mirror to catch up before its differences count as unsettled.</summary>
    public TimeSpan ShadowCheckTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<string> Validate()
    {
        if (ShadowReadPercent is < 0 or > 100) yield return "KamHub:Moves:ShadowReadPercent must be between 0 and 100.";
        if (ShadowCheckTimeout <= TimeSpan.Zero || ShadowCheckTimeout > TimeSpan.FromMinutes(10)) yield return "KamHub:Moves:ShadowCheckTimeout must be between 0 and 10 minutes.";
        if (RefreshInterval <= TimeSpan.Zero || RefreshInterval > TimeSpan.FromMinutes(1)) yield return "KamHub:Moves:RefreshInterval must be between 0 and 1 minute.";
        if (MirrorInterval <= TimeSpan.Zero || MirrorInterval > TimeSpan.FromMinutes(1)) yield return "KamHub:Moves:MirrorInterval must be between 0 and 1 minute.";
        if (MirrorBatch is < 1 or > 10_000) yield return "KamHub:Moves:MirrorBatch must be between 1 and 10000.";
    }
}
