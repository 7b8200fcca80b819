using KamHub.Core.Hosting;

namespace KamHub.Core.Data;

/// <summary>Database settings shared by every module (section <c>KamHub:Database</c>).</summary>
public sealed class DatabaseOptions : IValidatedOptions
{
    public const string SectionName = "KamHub:Database";

    /// <summary>Apply pending migrations when the server starts (the embedded default).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Largest number of pooled PostgreSQL connections per module database.</summary>
    public int MaxPoolSize { get; set; } = 50;

    public int CommandTimeoutSeconds { get; set; } = 30;

    /// <summary>Commands at least this slow are counted and logged with their SQL shape; 0 reports every command.</summary>
    public int SlowQueryThresholdMs { get; set; } = 100;

    /// <summary>How long SQLite waits for a write lock before giving up.</summary>
    public int SqliteBusyTimeoutSeconds { get; set; } = 30;

    public IEnumerable<string> Validate()
    {
        if (MaxPoolSize is < 1 or > 1000) yield return "KamHub:Database:MaxPoolSize must be between 1 and 1000.";
        if (CommandTimeoutSeconds < 1) yield return "KamHub:Database:CommandTimeoutSeconds must be positive.";
        if (SlowQueryThresholdMs < 0) yield return "KamHub:Database:SlowQueryThresholdMs must not be negative.";
    }
}
