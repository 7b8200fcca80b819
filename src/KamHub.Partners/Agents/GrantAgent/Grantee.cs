using KamHub.Core.Errors;
using KamHub.Core.Security;
using KamHub.Identity.Contracts;
using KamHub.Partners.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Partners.Agents.GrantAgent;

/// <summary>Whom a grant is for: one Agent account, or an agency (and through it each of its current members).</summary>
internal sealed record Grantee(UserContact? Agent, Agency? Agency)
{
    public static async Task<(Grantee? Grantee, ProblemHttpResult? Problem)> ResolveAsync(GrantAgentRequest request, PartnersDbContext db, IUserDirectory users,
        CancellationToken ct)
    {
        if (request.AgencyId is { } agencyId)
        {
            var agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == agencyId, ct);
            return agency is null ? (null, Problems.Unprocessable($"There is no agency {agencyId}.")) : (new Grantee(null, agency), null);
        }

        var agent = request.AgentUserId is { } agentId ? await users.FindAsync(agentId, ct) : await users.FindByEmailAsync(request.AgentEmail!.Trim(), ct);
        if (agent is null || !string.Equals(agent.Role, Roles.Agent, StringComparison.OrdinalIgnoreCase))
            return (null, Problems.Unprocessable($"{(object?)request.AgentUserId ?? request.AgentEmail!.Trim()} is not an Agent account."));
        return (new Grantee(agent, null), null);
    }

    /// <summary>The agency's members now, whom agent.granted and agent.revoked tell (Notifications cannot read Partners' tables).</summary>
    public static async Task<IReadOnlyList<Guid>> MembersAsync(PartnersDbContext db, Guid agencyId, CancellationToken ct) =>
        await db.AgencyMembers.AsNoTracking().Where(m => m.AgencyId == agencyId).OrderBy(m => m.AgentUserId).Select(m => m.AgentUserId).ToListAsync(ct);
}
