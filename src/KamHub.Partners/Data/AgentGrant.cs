namespace KamHub.Partners.Data;

/// <summary>
/// An operator's permission for an agent to sell its tours (all of them, or those in <see cref="AgentGrantTour"/>) at a
/// commission, within [<see cref="ValidFrom"/>, <see cref="ValidTo"/>) (ADR 0023). Revoked grants are kept as history.
/// </summary>
internal sealed class AgentGrant
{
    public Guid Id { get; set; }

    public Guid OperatorId { get; set; }

    /// <summary>The Agent account; <see cref="Guid.Empty"/> on a grant to an agency (<see cref="AgencyId"/>), as an agent's payout has no operator.</summary>
    public Guid AgentUserId { get; set; }

    /// <summary>The agency granted (every current member may sell under it), or null for a grant to one agent.</summary>
    public Guid? AgencyId { get; set; }

    /// <summary>The agent's commission in basis points of the booking's price (1250 = 12.5 %).</summary>
    public int CommissionBasisPoints { get; set; }

    /// <summary>True when the grant covers every tour of the operator; false when only the tours listed for it.</summary>
    public bool AllTours { get; set; }

    public DateTime ValidFrom { get; set; }

    /// <summary>Null: no end.</summary>
    public DateTime? ValidTo { get; set; }

    public Guid GrantedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}

/// <summary>One tour a grant that does not cover all tours lets the agent sell.</summary>
internal sealed class AgentGrantTour
{
    public Guid GrantId { get; set; }

    public Guid TourId { get; set; }
}
