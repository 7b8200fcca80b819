namespace KamHub.Core.Events;

/// <summary>
/// A subscriber's handler that takes the deliveries of a chunk at once (registered with
/// <c>AddEventBatchSubscriber</c>), so it can do its work for all of them in a few set-based statements instead of a
/// few statements per event. Same transaction rules as <see cref="IEventHandler"/>: the list holds only deliveries
/// the inbox has not seen, at most one per aggregate, in claim order; its changes commit with their inbox records
/// after it returns; throwing rolls the chunk back and each delivery is then handed over again alone (a list of one),
/// so one bad event costs the others nothing. <see cref="EventHandlingScope.Current"/> is not set (there are many
/// events): a handler that publishes follow-up events should be an <see cref="IEventHandler"/>, which names its cause.
/// </summary>
public interface IEventBatchHandler
{
    Task HandleAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken ct);
}
