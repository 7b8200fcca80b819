namespace KamHub.Partners.Contracts;

// Integration events of agent grants (ADR 0023). Aggregate: the grant.

/// <summary><c>agent.granted</c>: an operator let an agent sell its tours (<paramref name="TourIds"/> null: all of them) at a commission.</summary>
/// <param name="OperatorName">The organisation's legal name from its onboarding application, null before it applied (added in v1, optional).</param>
public sealed record AgentGranted(
    Guid GrantId,
    Guid OperatorId,
    Guid AgentUserId,
    int CommissionBasisPoints,
    IReadOnlyList<Guid>? TourIds,
    DateTimeOffset ValidFrom,
    DateTimeOffset? ValidTo,
    DateTimeOffset OccurredAt,
    string? OperatorName = null)
{
    public const string EventName = "agent.granted";
    public const int EventVersion = 1;
}

/// <summary><c>agent.revoked</c>: the operator withdrew a grant; bookings already made stay, with their commission.</summary>
/// <param name="OperatorName">As in <see cref="AgentGranted"/>.</param>
public sealed record AgentRevoked(Guid GrantId, Guid OperatorId, Guid AgentUserId, DateTimeOffset OccurredAt, string? OperatorName = null)
{
    public const string EventName = "agent.revoked";
    public const int EventVersion = 1;
}
