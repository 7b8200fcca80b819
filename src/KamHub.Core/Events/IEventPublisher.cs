using KamHub.Core.Data;

namespace KamHub.Core.Events;

/// <summary>
/// Publishes integration events through a module's transactional outbox: the event (and one delivery per matching
/// subscriber) is added to <paramref name="db"/>'s change tracker, so the next SaveChanges, or the surrounding
/// transaction, commits it with the change it describes. Nothing is sent before that commit; a rollback sends nothing.
/// </summary>
public interface IEventPublisher
{
    /// <summary>Publishes a contract record declaring <c>EventName</c>/<c>EventVersion</c>. Returns the event's id.</summary>
    Guid Publish<TEvent>(ModuleDbContext db, string aggregateId, TEvent payload) where TEvent : notnull;

    /// <summary>Publishes under an explicit name and version (payload serialized as JSON).</summary>
    Guid Publish(ModuleDbContext db, string type, int version, string aggregateId, object payload);
}
