using KamHub.Partners.Contracts;
using KamHub.Partners.Data;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Partners.Directory;

/// <summary>The agency an agent is a member of now, for Booking's and Payments' agency views.</summary>
internal sealed class AgencyDirectory(PartnersDbContext db) : IAgencyDirectory
{
    public Task<AgencyMembership?> MembershipAsync(Guid agentUserId, CancellationToken ct) =>
        (from m in db.AgencyMembers.AsNoTracking()
         join a in db.Agencies.AsNoTracking() on m.AgencyId equals a.Id
         where m.AgentUserId == agentUserId
         select new AgencyMembership(a.Id, a.Name, m.IsManager)).FirstOrDefaultAsync(ct);
}
