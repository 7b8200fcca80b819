using KamHub.Core.Errors;
using KamHub.Core.Events;
using KamHub.Core.Security;
using KamHub.Core.Time;
using KamHub.Identity.Contracts;
using KamHub.Partners.Contracts;
using KamHub.Partners.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Partners.Agencies;

/// <summary>
/// Adding and removing an agency's members, the same for an admin and for the agency's managers. The member row is keyed
/// by the agent, so of two concurrent additions of one agent (to one agency or two) exactly one commits; the other is a 409.
/// </summary>
internal static class AgencyMembers
{
    public static async Task<Results<Created<AgencyMemberDto>, ProblemHttpResult, ValidationProblem>> AddAsync(Guid agencyId, AddAgencyMemberRequest request,
        Guid actorId, PartnersDbContext db, IUserDirectory users, IEventPublisher events, TimeProvider clock, CancellationToken ct)
    {
        var errors = request.Check();
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        var agent = request.AgentUserId is { } id ? await users.FindAsync(id, ct) : await users.FindByEmailAsync(request.Email!.Trim(), ct);
        if (agent is null || !string.Equals(agent.Role, Roles.Agent, StringComparison.OrdinalIgnoreCase))
            return Problems.Unprocessable($"{(object?)request.AgentUserId ?? request.Email!.Trim()} is not an Agent account.");
        if (await ConflictAsync(db, agencyId, agent.UserId, ct) is { } taken) return taken;

        var member = new AgencyMember
        {
            AgentUserId = agent.UserId, AgencyId = agencyId, IsManager = request.Manager ?? false, AddedBy = actorId, AddedAt = StoredTime.Now(clock),
        };
        db.AgencyMembers.Add(member);
        events.Publish(db, agencyId.ToString(), new AgencyMemberAdded(agencyId, agent.UserId, member.IsManager, actorId, StoredTime.Utc(member.AddedAt)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return await ConflictAsync(db, agencyId, agent.UserId, ct) ?? throw new InvalidOperationException("The member row failed without a competing member.");
        }

        return TypedResults.Created($"/api/admin/agencies/{agencyId}/members/{agent.UserId}",
            new AgencyMemberDto(agent.UserId, agent.Email, agent.DisplayName, member.IsManager, StoredTime.Utc(member.AddedAt)));
    }

    /// <summary>Deletes the member row and publishes agency.member-removed together; 404 when the agent is not a member of this agency.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(Guid agencyId, Guid agentUserId, Guid actorId, PartnersDbContext db,
        IEventPublisher events, TimeProvider clock, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var removed = await db.AgencyMembers.Where(m => m.AgencyId == agencyId && m.AgentUserId == agentUserId).ExecuteDeleteAsync(ct);
        if (removed == 0) return Problems.NotFound($"{agentUserId} is not a member of this agency.");
        events.Publish(db, agencyId.ToString(), new AgencyMemberRemoved(agencyId, agentUserId, actorId, StoredTime.Utc(StoredTime.Now(clock))));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>The 409 for an agent who already belongs to an agency (this one or another, which is not named), else null.</summary>
    private static async Task<ProblemHttpResult?> ConflictAsync(PartnersDbContext db, Guid agencyId, Guid agentUserId, CancellationToken ct)
    {
        var current = await db.AgencyMembers.AsNoTracking().Where(m => m.AgentUserId == agentUserId).Select(m => (Guid?)m.AgencyId).FirstOrDefaultAsync(ct);
        if (current is null) return null;
        return Problems.Conflict(current == agencyId ? "The agent is already a member of this agency." : "The agent already belongs to another agency; an agent is in at most one.");
    }
}
