using KamHub.Core.Time;
using KamHub.Core.Hosting;
namespace KamHub.Notifications;

/// <summary>KamHub:Notifications settings, validated on start.</summary>
internal sealed class NotificationsOptions : IValidatedOptions
{
    public const string SectionName = "KamHub:Notifications";

    /// <summary>How often the worker looks for due messages when the last batch was not full.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public int BatchSize { get; set; } = 50;

    /// <summary>A claimed row is the worker's for this long; a worker that died leaves it to another after that.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Send attempts before a message is dead.</summary>
    public int MaxAttempts { get; set; } = 6;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long before a departure reminders go out (one reminder per entry).</summary>
    public IList<TimeSpan> Reminders { get; set; } = [];

    public IReadOnlyList<TimeSpan> EffectiveReminders => Reminders.Count > 0 ? Reminders.Distinct().ToList() : [TimeSpan.FromHours(24), TimeSpan.FromHours(2)];

    /// <summary>Delivery log months kept; older month partitions (PostgreSQL) or rows (SQLite) are dropped.</summary>
    public int RetentionMonths { get; set; } = 12;

    /// <summary>Month partitions created ahead of the current one (PostgreSQL).</summary>
    public int PartitionsAhead { get; set; } = 3;

    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>An SMS template whose text needs more segments than this fails to render.</summary>
    public int SmsMaxSegments { get; set; } = 3;

    /// <summary>Used when neither the recipient nor the departure names a zone.</summary>
    public string DefaultTimeZone { get; set; } = "Asia/Kamchatka";

    /// <summary>Turns the sending worker off (the queue still fills), e.g. for an instance that only serves the API.</summary>
    public bool WorkerEnabled { get; set; } = true;

    public IEnumerable<string> Validate()
    {
        if (PollInterval <= TimeSpan.Zero) yield return "KamHub:Notifications:PollInterval must be positive.";
        if (BatchSize is < 1 or > 1000) yield return "KamHub:Notifications:BatchSize must be between 1 and 1000.";
        if (LeaseDuration <= TimeSpan.Zero) yield return "KamHub:Notifications:LeaseDuration must be positive.";
        if (MaxAttempts is < 1 or > 100) yield return "KamHub:Notifications:MaxAttempts must be between 1 and 100.";
        if (RetryBaseDelay <= TimeSpan.Zero || MaxRetryDelay < RetryBaseDelay) yield return "KamHub:Notifications:RetryBaseDelay must be positive and at most MaxRetryDelay.";
        if (Reminders.Any(r => r <= TimeSpan.Zero)) yield return "KamHub:Notifications:Reminders must be positive durations.";
        if (RetentionMonths is < 1 or > 120) yield return "KamHub:Notifications:RetentionMonths must be between 1 and 120.";
        if (PartitionsAhead is < 1 or > 24) yield return "KamHub:Notifications:PartitionsAhead must be between 1 and 24.";
        if (MaintenanceInterval <= TimeSpan.Zero) yield return "KamHub:Notifications:MaintenanceInterval must be positive.";
        if (SmsMaxSegments is < 1 or > 10) yield return "KamHub:Notifications:SmsMaxSegments must be between 1 and 10.";
        if (TimeZones.Find(DefaultTimeZone) is null) yield return "KamHub:Notifications:DefaultTimeZone must be an IANA time zone.";
    }
}
