namespace KamHub.Core.Events;

/// <summary>
/// One (event, subscriber) pair still to deliver, delivered, or dead. Created with the event in the publisher's
/// transaction (subscriptions are known in process), or later by a replay. Its id orders a subscriber's stream
/// of one aggregate: the next pending delivery of an aggregate waits until every earlier one is done.
/// </summary>
internal sealed class EventDelivery
{
    public const int SubscriberMaxLength = 100;
    public const int LeaseOwnerMaxLength = 100;
    public const int LastErrorMaxLength = 4000;

    public long Id { get; set; }

    public Guid EventId { get; set; }

    public string Subscriber { get; set; } = "";

    /// <summary>Copied from the event so the ordering check reads one table.</summary>
    public string AggregateId { get; set; } = "";

    public string EventType { get; set; } = "";

    /// <summary><see cref="Guid.Empty"/> for the original delivery; a replay's id for re-deliveries (a new inbox key).</summary>
    public Guid ReplayId { get; set; }

    public string Status { get; set; } = DeliveryStatus.Pending;

    public int Attempts { get; set; }

    /// <summary>UTC.</summary>
    public DateTime NextAttemptAt { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTime? LeaseUntil { get; set; }

    public string? LastError { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? CompletedAt { get; set; }
}

internal static class DeliveryStatus
{
    public const string Pending = "pending";
    public const string Done = "done";

    /// <summary>Out of attempts: parks its aggregate's stream for this subscriber until retried or discarded.</summary>
    public const string Dead = "dead";

    /// <summary>A dead letter an operator gave up on: kept as history, no longer blocks its aggregate.</summary>
    public const string Discarded = "discarded";

    public const int MaxLength = 16;
}
