using KamHub.Core.Time;
using KamHub.Partners.Contracts;
using KamHub.Partners.Data;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Partners.Directory;

/// <summary>
/// The facade Booking asks when an agent books (ADR 0023). A grant to the agent itself comes before one to its agency: the
/// operator named this person, so that sale is the agent's own; a member removed from its agency holds none of the agency's.
/// </summary>
internal sealed class AgentGrants(PartnersDbContext db) : IAgentGrants
{
    public async Task<AgentGrantView?> FindAsync(Guid agentUserId, Guid operatorId, Guid tourId, DateTimeOffset at, CancellationToken ct)
    {
        var now = StoredTime.Truncate(at.UtcDateTime);
        var agencyId = await db.AgencyMembers.AsNoTracking().Where(m => m.AgentUserId == agentUserId).Select(m => (Guid?)m.AgencyId).FirstOrDefaultAsync(ct);
        var grant = await db.AgentGrants.AsNoTracking()
            .Where(g => (g.AgentUserId == agentUserId || (agencyId != null && g.AgencyId == agencyId)) && g.OperatorId == operatorId && g.RevokedAt == null
                && g.ValidFrom <= now && (g.ValidTo == null || now < g.ValidTo)
                && (g.AllTours || db.AgentGrantTours.Any(t => t.GrantId == g.Id && t.TourId == tourId)))
            .OrderBy(g => g.AgencyId != null).ThenByDescending(g => g.Id).FirstOrDefaultAsync(ct);
        return grant is null ? null : new AgentGrantView(grant.Id, grant.OperatorId, agentUserId, grant.CommissionBasisPoints, grant.AgencyId);
    }
}
