using KamHub.Core.Data;

namespace KamHub.Core.Events;

/// <summary>
/// Publishes integration events through a module's transactional outbox: the event is added to the context's change
/// tracker, and the next SaveChanges writes it (with one delivery per matching subscriber) in the same transaction as
/// the change it describes, or the surrounding transaction's commit does. Nothing is sent before that commit; a rollback sends nothing.
/// </summary>
public interface IEventPublisher
{
    /// <summary>Publishes a contract record declaring <c>EventName</c>/<c>EventVersion</c>. Returns the event's id.</summary>
    Guid Publish<TEvent>(ModuleDbContext db, string aggregateId, TEvent payload) where TEvent : notnull;

    /// <summary>Publishes under an explicit name and version (payload serialized as JSON).</summary>
    Guid Publish(ModuleDbContext db, string type, int version, string aggregateId, object payload);
}
