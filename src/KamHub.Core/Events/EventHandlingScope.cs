namespace KamHub.Core.Events;

/// <summary>
/// The event being handled on this async flow. Events published by a handler take its correlation id and name it
/// as their cause, so a chain of events can be followed from the request that started it.
/// </summary>
public static class EventHandlingScope
{
    private static readonly AsyncLocal<EventEnvelope?> CurrentEnvelope = new();

    public static EventEnvelope? Current => CurrentEnvelope.Value;

    internal static IDisposable Enter(EventEnvelope envelope)
    {
        var previous = CurrentEnvelope.Value;
        CurrentEnvelope.Value = envelope;
        return new Restore(previous);
    }

    private sealed class Restore(EventEnvelope? previous) : IDisposable
    {
        public void Dispose() => CurrentEnvelope.Value = previous;
    }
}
