namespace KamHub.Partners.Contracts;

// Integration events of agent grants (ADR 0023). Aggregate: the grant.

/// <summary>
/// <c>agent.granted</c>: an operator let an agent, or an agency's members, sell its tours (<paramref name="TourIds"/> null: all
/// of them) at a commission.
/// </summary>
/// <param name="AgentUserId"><see cref="Guid.Empty"/> on a grant to an agency.</param>
/// <param name="OperatorName">The organisation's legal name from its onboarding application, null before it applied (added in v1, optional).</param>
/// <param name="AgencyId">Added in v1 (optional): the agency granted; null for a grant to one agent.</param>
/// <param name="AgencyName">The agency's name, with <paramref name="AgencyId"/>.</param>
/// <param name="MemberUserIds">The agency's members at the moment of the grant (who are told), with <paramref name="AgencyId"/>.</param>
public sealed record AgentGranted(
    Guid GrantId,
    Guid OperatorId,
    Guid AgentUserId,
    int CommissionBasisPoints,
    IReadOnlyList<Guid>? TourIds,
    DateTimeOffset ValidFrom,
    DateTimeOffset? ValidTo,
    DateTimeOffset OccurredAt,
    string? OperatorName = null,
    Guid? AgencyId = null,
    string? AgencyName = null,
    IReadOnlyList<Guid>? MemberUserIds = null)
{
    public const string EventName = "agent.granted";
    public const int EventVersion = 1;
}

/// <summary><c>agent.revoked</c>: the operator withdrew a grant; bookings already made stay, with their commission.</summary>
/// <param name="OperatorName">As in <see cref="AgentGranted"/>; so are the agency's fields (the members at the moment of the revocation).</param>
public sealed record AgentRevoked(Guid GrantId, Guid OperatorId, Guid AgentUserId, DateTimeOffset OccurredAt, string? OperatorName = null,
    Guid? AgencyId = null, string? AgencyName = null, IReadOnlyList<Guid>? MemberUserIds = null)
{
    public const string EventName = "agent.revoked";
    public const int EventVersion = 1;
}
