using KamHub.Core.Time;
using KamHub.Partners.Contracts;
using KamHub.Partners.Data;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Partners.Directory;

/// <summary>The facade Booking asks when an agent books (ADR 0023).</summary>
internal sealed class AgentGrants(PartnersDbContext db) : IAgentGrants
{
    public async Task<AgentGrantView?> FindAsync(Guid agentUserId, Guid operatorId, Guid tourId, DateTimeOffset at, CancellationToken ct)
    {
        var now = StoredTime.Truncate(at.UtcDateTime);
        var grant = await db.AgentGrants.AsNoTracking()
            .Where(g => g.AgentUserId == agentUserId && g.OperatorId == operatorId && g.RevokedAt == null && g.ValidFrom <= now
                && (g.ValidTo == null || now < g.ValidTo)
                && (g.AllTours || db.AgentGrantTours.Any(t => t.GrantId == g.Id && t.TourId == tourId)))
            .OrderByDescending(g => g.Id).FirstOrDefaultAsync(ct);
        return grant is null ? null : new AgentGrantView(grant.Id, grant.OperatorId, grant.AgentUserId, grant.CommissionBasisPoints);
    }
}
