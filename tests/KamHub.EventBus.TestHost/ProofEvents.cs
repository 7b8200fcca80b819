namespace KamHub.EventBus.TestHost;

/// <summary>The payload both proof events carry: which aggregate, its sequence number, when it was published.</summary>
public interface IProofEvent
{
    string OrderId { get; }

    int Sequence { get; }

    long PublishedAtTicks { get; }
}

public sealed record ProofOrdered(string OrderId, int Sequence, long PublishedAtTicks) : IProofEvent
{
    public const string EventName = "proof.ordered";
    public const int EventVersion = 1;
}

public sealed record ProofAmended(string OrderId, int Sequence, long PublishedAtTicks) : IProofEvent
{
    public const string EventName = "proof.amended";
    public const int EventVersion = 1;
}

/// <summary>What a handler reads back from the JSON payload (either event).</summary>
public sealed record ProofPayload(string OrderId, int Sequence, long PublishedAtTicks);
