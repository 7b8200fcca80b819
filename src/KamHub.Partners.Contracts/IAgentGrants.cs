namespace KamHub.Partners.Contracts;

/// <summary>What Booking asks before an agent books for a client (ADR 0023): may this agent sell this tour now, and at what commission?</summary>
public interface IAgentGrants
{
    /// <summary>
    /// The grant that lets <paramref name="agentUserId"/> sell <paramref name="tourId"/> of <paramref name="operatorId"/> at
    /// <paramref name="at"/> (not revoked, within its validity, covering the tour): one to the agent itself, else one to the
    /// agency it is a member of now; the newest when several do. Null when none.
    /// </summary>
    Task<AgentGrantView?> FindAsync(Guid agentUserId, Guid operatorId, Guid tourId, DateTimeOffset at, CancellationToken ct);
}

/// <param name="AgentUserId">The agent who sells (a member of <paramref name="AgencyId"/> when the grant is the agency's).</param>
/// <param name="CommissionBasisPoints">The commission in basis points of the booking's price (1250 = 12.5 %).</param>
/// <param name="AgencyId">The agency granted, which is then the commission's payee; null for a grant to the agent itself.</param>
public sealed record AgentGrantView(Guid GrantId, Guid OperatorId, Guid AgentUserId, int CommissionBasisPoints, Guid? AgencyId = null);
