namespace KamHub.Bench.Wolverine;

/// <summary>The proof events of the TestHost: which aggregate, its sequence number, when it was published.</summary>
public interface IProofEvent
{
    string OrderId { get; }

    int Sequence { get; }

    long PublishedAtTicks { get; }
}

public sealed record ProofOrdered(string OrderId, int Sequence, long PublishedAtTicks) : IProofEvent;

public sealed record ProofAmended(string OrderId, int Sequence, long PublishedAtTicks) : IProofEvent;
