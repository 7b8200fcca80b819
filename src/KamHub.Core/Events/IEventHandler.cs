namespace KamHub.Core.Events;

/// <summary>
/// A subscriber's handler. It runs inside a transaction of its own module's DbContext (resolve the context from
/// the constructor: it is the same scoped instance). Changes it makes, events it publishes through
/// <see cref="IEventPublisher"/> and the inbox record commit together after it returns; throwing rolls all back and
/// the delivery is retried. Non-database effects must tolerate a repeat (the inbox covers database effects only).
/// </summary>
public interface IEventHandler
{
    Task HandleAsync(EventEnvelope envelope, CancellationToken ct);
}
