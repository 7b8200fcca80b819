namespace KamHub.Core.Events;

/// <summary>
/// "Subscriber S handled event E" in the subscriber's own database, written in the handler's transaction: a second
/// delivery of the same event finds it and does nothing, so the handler's effect happens once.
/// </summary>
internal sealed class InboxEntry
{
    public string Subscriber { get; set; } = "";

    public Guid EventId { get; set; }

    /// <summary>Empty for the original delivery; a replay re-runs the handler under its own key.</summary>
    public Guid ReplayId { get; set; }

    /// <summary>UTC.</summary>
    public DateTime HandledAt { get; set; }
}
