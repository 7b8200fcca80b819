using System.Diagnostics;
using System.Text.Json;
using KamHub.Core.Data;
using KamHub.Core.Monitoring;

namespace KamHub.Core.Events;

internal sealed class EventPublisher(EventStores stores, TimeProvider clock) : IEventPublisher
{
    public Guid Publish<TEvent>(ModuleDbContext db, string aggregateId, TEvent payload) where TEvent : notnull
    {
        var info = EventTypeInfo.Of(payload.GetType());
        return Publish(db, info.Name, info.Version, aggregateId, payload);
    }

    public Guid Publish(ModuleDbContext db, string type, int version, string aggregateId, object payload)
    {
        if (!EventTypePattern.IsValidEventName(type)) throw new ArgumentException($"'{type}' is not a valid event name.", nameof(type));
        if (string.IsNullOrEmpty(aggregateId) || aggregateId.Length > OutboxEvent.AggregateIdMaxLength)
            throw new ArgumentException($"The aggregate id must be 1..{OutboxEvent.AggregateIdMaxLength} characters.", nameof(aggregateId));
        if (!stores.All.Any(s => s.ContextType == db.GetType()))
            throw new InvalidOperationException($"{db.GetType().Name} has no outbox: register it with AddEventOutbox<{db.GetType().Name}>().");

        var now = clock.GetUtcNow().UtcDateTime;
        var cause = EventHandlingScope.Current;
        var outboxEvent = new OutboxEvent
        {
            Id = Guid.CreateVersion7(),
            Type = type,
            Version = version,
            AggregateId = aggregateId,
            OccurredAt = now,
            CorrelationId = cause?.CorrelationId ?? CurrentCorrelationId(),
            CausationId = cause?.Id,
            Payload = JsonSerializer.Serialize(payload, payload.GetType(), EventEnvelope.JsonOptions),
        };
        // Deliveries (one per matching subscriber) are added when the save writes the event (OutboxCommitTracker).
        db.Add(outboxEvent);
        return outboxEvent.Id;
    }

    /// <summary>The HTTP request's id when there is one; otherwise the trace's, or a fresh one for work that starts here.</summary>
    private static string CurrentCorrelationId()
    {
        var id = CorrelationIdMiddleware.Current ?? Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
        return id.Length <= OutboxEvent.CorrelationIdMaxLength ? id : id[..OutboxEvent.CorrelationIdMaxLength];
    }
}
