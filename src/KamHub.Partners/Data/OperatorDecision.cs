namespace KamHub.Partners.Data;

/// <summary>Every admin decision on an operator's onboarding, kept (append-only) with who, when and why.</summary>
internal sealed class OperatorDecision
{
    public Guid Id { get; set; }

    public Guid OperatorId { get; set; }

    /// <summary>application or payout-details.</summary>
    public string Scope { get; set; } = "";

    /// <summary>approved or rejected.</summary>
    public string Decision { get; set; } = "";

    public string? Reason { get; set; }

    public Guid DecidedBy { get; set; }

    public DateTime DecidedAt { get; set; }
}
