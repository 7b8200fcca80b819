namespace KamHub.Core.DataToolkit.Moves;

/// <summary>A move as <c>kamhub data move status</c> and <c>GET /api/admin/data/moves</c> show it (passwords removed).</summary>
public sealed record DataMoveStatus(
    Guid Id, string Module, string Source, string Target, string State, int ReadPercent, int Epoch,
    DateTime StartedAt, DateTime UpdatedAt, string UpdatedBy, double? SwitchPauseMs, MoveLag Lag, MoveVerify? Verify,
    IReadOnlyList<MoveStep> History, string? Error, string? Next, MoveShadowReads ShadowReads);

/// <summary>
/// Shadow reads: sampled read requests whose rows were read on both databases and compared. A mismatch is a row still
/// different once the mirror had applied every earlier write; <see cref="LastMismatch"/> names its table and key.
/// </summary>
public sealed record MoveShadowReads(long Reads, long Rows, long Mismatches, string? LastMismatch);

/// <summary>Changes captured on the write side and not yet applied to the mirror side.</summary>
public sealed record MoveLag(long Changes, DateTime? OldestAt, double? Seconds, DateTime? CaughtUpAt);

public sealed record MoveVerify(DateTime At, bool Equal, IReadOnlyList<MoveVerifyTable> Tables);

public sealed record MoveVerifyTable(string Table, long SourceRows, long TargetRows, bool Equal);

public sealed record MoveStep(string State, int ReadPercent, DateTime At, string By, double? PauseMs = null);
