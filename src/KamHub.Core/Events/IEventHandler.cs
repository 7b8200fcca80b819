namespace KamHub.Core.Events;

/// <summary>
/// A subscriber's handler. It runs inside a transaction of its own module's DbContext (resolve the context from
/// the constructor: it is the same scoped instance). Changes it makes, events it publishes through
/// <see cref="IEventPublisher"/> and the inbox record commit together after it returns; throwing rolls all back and
/// the delivery is retried. Several deliveries may share one scope and transaction (a chunk); when one of them throws,
/// the chunk is rolled back and each runs again alone. Non-database effects must therefore tolerate a repeat (the
/// inbox makes database effects happen once).
/// </summary>
public interface IEventHandler
{
    Task HandleAsync(EventEnvelope envelope, CancellationToken ct);
}
