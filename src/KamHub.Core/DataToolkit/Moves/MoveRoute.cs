using KamHub.Core.Data;

namespace KamHub.Core.DataToolkit.Moves;

/// <summary>A module's current move as every instance routes it: the latest move of the module that was not rolled back.</summary>
internal sealed record MoveRoute(Guid MoveId, string Module, string State, int ReadPercent, int Epoch, ModuleConnection Source, ModuleConnection Target, DateTime? CaughtUpAt)
{
    /// <summary>The sticky per-caller flag that decides which side a caller's reads use while reads switch.</summary>
    public static string ReadFlag(string module) => module.ToLowerInvariant() + ".reads-moved";

    public bool WritesOnTarget => MoveStates.WritesOnTarget(State);

    public ModuleConnection WriteSide => WritesOnTarget ? Target : Source;

    /// <summary>While open, both sides hold capture; the source of changes and the mirror flip at the write switch.</summary>
    public bool Mirroring => State is MoveStates.Mirroring or MoveStates.Reads or MoveStates.WritesSwitched;
}
