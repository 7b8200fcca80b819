namespace KamHub.Core.DataToolkit.Moves;

/// <summary>
/// What the capture triggers of one side of a move do with a write (the one row of <c>__move_state</c>):
/// <see cref="Open"/> lets it through and logs its key; <see cref="Fenced"/> refuses it (that side is the mirror, or is
/// being switched away from); <see cref="Applying"/> lets it through unlogged — only ever seen inside the mirror's own
/// transaction, which sets it and puts <see cref="Fenced"/> back before it commits, so no other writer can see it.
/// </summary>
internal static class CaptureState
{
    public const string Open = "open";
    public const string Fenced = "fenced";
    public const string Applying = "applying";

    /// <summary>The text the triggers fail with; <see cref="MoveFencedException"/> recognises it in provider errors.</summary>
    public const string FenceMessage = "kamhub-move-fenced";

    public const string FenceSqlState = "KH001";
}
