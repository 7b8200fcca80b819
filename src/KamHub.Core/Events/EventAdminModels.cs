using System.Text.Json;

namespace KamHub.Core.Events;

/// <param name="Types">Type pattern: <c>tour.published</c>, <c>tour.*</c> or <c>*</c>.</param>
/// <param name="From">Occurred at or after (UTC).</param>
/// <param name="To">Occurred before (UTC).</param>
/// <param name="Module">Only this module's outbox.</param>
/// <param name="Cursor">From the previous page's <c>nextCursor</c>.</param>
public sealed record EventQuery(
    string? Types = null,
    string? AggregateId = null,
    string? CorrelationId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Module = null,
    string? Cursor = null,
    int Limit = 50);

public sealed record EventRecord(
    Guid Id,
    string Module,
    long Position,
    string Type,
    int Version,
    string AggregateId,
    DateTimeOffset OccurredAt,
    string CorrelationId,
    Guid? CausationId,
    JsonElement Payload);

/// <summary>Newest first; <paramref name="NextCursor"/> is null on the last page.</summary>
public sealed record EventPage(IReadOnlyList<EventRecord> Items, string? NextCursor);

/// <param name="Positions">Per publishing module: the outbox position up to which this subscriber has finished everything.</param>
/// <param name="LagEvents">Deliveries not yet handled (pending or dead).</param>
/// <param name="LagSeconds">Age of the oldest of them; 0 when caught up.</param>
/// <param name="ParkedAggregates">Aggregates whose stream is stopped by a dead letter (first 100, as module/aggregate id).</param>
public sealed record SubscriptionStatus(
    string Name,
    string Pattern,
    string Module,
    IReadOnlyDictionary<string, long> Positions,
    long LagEvents,
    double LagSeconds,
    int ParkedAggregateCount,
    IReadOnlyList<string> ParkedAggregates,
    int DeadLetters);

/// <summary>Re-deliver history to one subscriber: a time range (occurred at, from inclusive, to exclusive) or a position range (inclusive) in one module.</summary>
public sealed record ReplayRequest(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    long? FromPosition = null,
    long? ToPosition = null,
    string? Types = null,
    string? Module = null);

public sealed record ReplayResult(Guid ReplayId, string Subscriber, int Deliveries);

/// <param name="Id">Module and delivery id, e.g. <c>discovery-42</c>.</param>
public sealed record DeadLetter(
    string Id,
    string Module,
    string Subscriber,
    Guid EventId,
    string EventType,
    string AggregateId,
    int Attempts,
    string? LastError,
    DateTimeOffset? DeadSince,
    DateTimeOffset OccurredAt,
    string CorrelationId);

public sealed class EventAdminException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
