namespace KamHub.Partners.Contracts;

/// <summary>What Booking asks before an agent books for a client (ADR 0023): may this agent sell this tour now, and at what commission?</summary>
public interface IAgentGrants
{
    /// <summary>
    /// The grant that lets <paramref name="agentUserId"/> sell <paramref name="tourId"/> of <paramref name="operatorId"/> at
    /// <paramref name="at"/> (not revoked, within its validity, covering the tour); the newest when several do. Null when none.
    /// </summary>
    Task<AgentGrantView?> FindAsync(Guid agentUserId, Guid operatorId, Guid tourId, DateTimeOffset at, CancellationToken ct);
}

/// <param name="CommissionBasisPoints">The agent's commission in basis points of the booking's price (1250 = 12.5 %).</param>
public sealed record AgentGrantView(Guid GrantId, Guid OperatorId, Guid AgentUserId, int CommissionBasisPoints);
