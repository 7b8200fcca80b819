namespace KamHub.Core.DataToolkit.Moves;

/// <summary>The steps of an online move (ADR 0014). Reads switch by percentage inside <see cref="Reads"/>.</summary>
public static class MoveStates
{
    public const string Copying = "copying";
    public const string Mirroring = "mirroring";
    public const string Reads = "reads";
    public const string WritesSwitched = "writes-switched";
    public const string Finalized = "finalized";
    public const string RolledBack = "rolled-back";

    /// <summary>The read-switch percentages, in order.</summary>
    public static readonly IReadOnlyList<int> ReadSteps = [1, 10, 50, 100];

    public static bool IsOpen(string state) => state is not (Finalized or RolledBack);

    /// <summary>The step a move's writes (and mirror direction) depend on: writes go to the target from here on.</summary>
    public static bool WritesOnTarget(string state) => state is WritesSwitched or Finalized;
}
