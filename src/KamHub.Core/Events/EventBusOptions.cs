using KamHub.Core.Hosting;

namespace KamHub.Core.Events;

/// <summary>Event bus settings (section <c>KamHub:Events</c>).</summary>
public sealed class EventBusOptions : IValidatedOptions
{
    public const string SectionName = "KamHub:Events";

    /// <summary>Run the dispatcher in this process. Off for CLI commands and for instances that should only publish.</summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>Attempts before a delivery becomes a dead letter.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Delay after the first failure; doubles per attempt (with ±50% jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a claimed delivery belongs to one instance; another may take it over after that (e.g. after a crash).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Fallback poll when no in-process signal arrives: other instances' commits, retries coming due, restarts.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Deliveries claimed at once per module database (per dispatch loop).</summary>
    public int BatchSize { get; set; } = 300;

    /// <summary>Handlers running at once per module database (shared by its dispatch loops).</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>
    /// Dispatch loops per module database in this process, each claiming its own batch, so one batch's handlers run
    /// while the next is claimed and the last one recorded. Unset: 4 on PostgreSQL (claims skip each other's locked
    /// rows, as separate instances do), 1 on SQLite (one writer at a time: more loops only queue on its lock).
    /// </summary>
    public int? DispatchLoops { get; set; }

    /// <summary>
    /// Most deliveries of one subscriber handled in one transaction (1 = a transaction per delivery). Large, because
    /// a chunk is one inbox statement, one commit and, for a batch handler, one call; a failing chunk falls back to
    /// one transaction per delivery, so its size costs nothing in the failure case but time.
    /// </summary>
    public int MaxChunkSize { get; set; } = 100;

    /// <summary>How long outbox rows (the event history) and inbox records are kept once every delivery is finished.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often retention runs and the lag gauges are refreshed.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromSeconds(15);

    public IEnumerable<string> Validate()
    {
        if (MaxAttempts is < 1 or > 100) yield return "KamHub:Events:MaxAttempts must be between 1 and 100.";
        if (RetryBaseDelay < TimeSpan.Zero || MaxRetryDelay < RetryBaseDelay) yield return "KamHub:Events retry delays must be non-negative and MaxRetryDelay >= RetryBaseDelay.";
        if (LeaseDuration < TimeSpan.FromSeconds(1)) yield return "KamHub:Events:LeaseDuration must be at least 1 second.";
        if (PollInterval <= TimeSpan.Zero) yield return "KamHub:Events:PollInterval must be positive.";
        if (BatchSize is < 1 or > 10_000) yield return "KamHub:Events:BatchSize must be between 1 and 10000.";
        if (MaxConcurrency is < 1 or > 256) yield return "KamHub:Events:MaxConcurrency must be between 1 and 256.";
        if (DispatchLoops is < 1 or > 64) yield return "KamHub:Events:DispatchLoops must be between 1 and 64.";
        if (MaxChunkSize is < 1 or > 1000) yield return "KamHub:Events:MaxChunkSize must be between 1 and 1000.";
        if (Retention < TimeSpan.FromMinutes(1)) yield return "KamHub:Events:Retention must be at least a minute.";
        if (MaintenanceInterval <= TimeSpan.Zero) yield return "KamHub:Events:MaintenanceInterval must be positive.";
    }
}
