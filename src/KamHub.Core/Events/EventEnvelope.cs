using System.Text.Json;

namespace KamHub.Core.Events;

/// <summary>An event as a handler receives it: the metadata every event carries, and its JSON payload.</summary>
/// <param name="Module">The module whose outbox holds it (positions are per module).</param>
/// <param name="ReplayId">Set when this delivery comes from a replay rather than the original publication.</param>
public sealed record EventEnvelope(
    Guid Id,
    string Type,
    int Version,
    string AggregateId,
    DateTimeOffset OccurredAt,
    string CorrelationId,
    Guid? CausationId,
    string Payload,
    long Position,
    string Module,
    Guid? ReplayId = null)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public bool IsReplay => ReplayId is not null;

    /// <summary>The payload as the contract record it was published from (or a later, compatible version of it).</summary>
    public T PayloadAs<T>() => JsonSerializer.Deserialize<T>(Payload, JsonOptions)
        ?? throw new JsonException($"Event {Id} ({Type}) has an empty payload.");

    internal static EventEnvelope From(OutboxEvent e, string module, Guid replayId = default) => new(
        e.Id, e.Type, e.Version, e.AggregateId, new DateTimeOffset(DateTime.SpecifyKind(e.OccurredAt, DateTimeKind.Utc)),
        e.CorrelationId, e.CausationId, e.Payload, e.Position, module, replayId == Guid.Empty ? null : replayId);
}
