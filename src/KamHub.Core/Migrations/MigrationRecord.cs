namespace KamHub.Core.Migrations;

public enum MigrationState
{
    Pending,
    Applied,
    /// <summary>Applied, but its SQL today differs from the checksum taken when it ran.</summary>
    Changed,
    /// <summary>Recorded in the database, but no longer shipped in this build.</summary>
    Unknown,
}

public sealed record MigrationRecord(string Id, MigrationState State, string? RecordedChecksum, string? CurrentChecksum);

public sealed record ModuleMigrationStatus(string Module, string Provider, IReadOnlyList<MigrationRecord> Migrations)
{
    public IEnumerable<MigrationRecord> Problems =>
        Migrations.Where(m => m.State is MigrationState.Changed or MigrationState.Unknown);
}
