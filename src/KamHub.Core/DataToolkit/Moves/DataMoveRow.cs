namespace KamHub.Core.DataToolkit.Moves;

/// <summary>One online move of one module (ADR 0014): where from, where to, which step it is at, and what the last checks said.</summary>
internal sealed class DataMoveRow
{
    public const int ConnectionMaxLength = 1_000;
    public const int ShadowMismatchMaxLength = 500;

    public Guid Id { get; set; }

    public string Module { get; set; } = "";

    /// <summary>Connection string of the database the module lived in when the move started.</summary>
    public string Source { get; set; } = "";

    /// <summary>Connection string of the database the module moves to.</summary>
    public string Target { get; set; } = "";

    public string State { get; set; } = MoveStates.Copying;

    /// <summary>Share of callers whose reads go to the target (sticky per caller through the feature flags).</summary>
    public int ReadPercent { get; set; }

    /// <summary>Bumped at every write switch (forward or back), so routing caches can tell a stale decision.</summary>
    public int Epoch { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";

    /// <summary>Writes refused between the fence and the switched routing, in milliseconds, of the last write switch.</summary>
    public double? SwitchPauseMs { get; set; }

    /// <summary>Every change committed before this instant has been applied to the mirror side.</summary>
    public DateTime? CaughtUpAt { get; set; }

    public long LagChanges { get; set; }

    public DateTime? LagOldestAt { get; set; }

    public DateTime? VerifiedAt { get; set; }

    public bool? VerifyEqual { get; set; }

    /// <summary>Per table "rows source/target, equal or not", as JSON.</summary>
    public string? VerifySummary { get; set; }

    /// <summary>The steps taken, oldest first, as JSON (state, percent, at, by).</summary>
    public string History { get; set; } = "[]";

    public string? Error { get; set; }

    /// <summary>Sampled read requests checked on both databases (shadow reads), summed over every instance.</summary>
    public long ShadowReads { get; set; }

    /// <summary>Rows those reads returned that were compared.</summary>
    public long ShadowRows { get; set; }

    /// <summary>Compared rows that differed after the mirror caught up.</summary>
    public long ShadowMismatches { get; set; }

    /// <summary>The last mismatch: table, key, kind and side.</summary>
    public string? ShadowLastMismatch { get; set; }

    public int Version { get; set; }
}
