using System.Security.Claims;
using KamHub.Core.Errors;
using KamHub.Core.Events;
using KamHub.Core.Security;
using KamHub.Core.Time;
using KamHub.Partners.Contracts;
using KamHub.Partners.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Partners.Agents.RevokeGrant;

/// <summary>
/// DELETE /api/operator/agents/{id}: the operator withdraws a grant (a conditional UPDATE, so a repeat changes nothing).
/// The agent (or the agency's members) can sell no more under it; bookings already made keep their commission.
/// </summary>
internal static class RevokeGrantEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapDelete("/api/operator/agents/{id:guid}", HandleAsync).RequireAuthorization(AuthenticationRegistration.OperatorPolicy).WithTags("Agents");

    private static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(Guid id, ClaimsPrincipal user, PartnersDbContext db, IEventPublisher events,
        TimeProvider clock, CancellationToken ct)
    {
        var (operatorId, refusal) = GrantAccess.Organisation(user);
        if (refusal is not null) return refusal;
        var grant = await db.AgentGrants.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id && g.OperatorId == operatorId, ct);
        if (grant is null) return Problems.NotFound($"There is no grant {id} of your organisation.");

        var now = StoredTime.Now(clock);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var revoked = await db.AgentGrants.Where(g => g.Id == id && g.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(g => g.RevokedAt, now), ct);
        if (revoked == 1)
        {
            var agencyName = grant.AgencyId is { } agencyId
                ? await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId).Select(a => a.Name).FirstOrDefaultAsync(ct) : null;
            events.Publish(db, id.ToString(), new AgentRevoked(id, grant.OperatorId, grant.AgentUserId, StoredTime.Utc(now),
                await GrantAccess.OrganisationNameAsync(db, grant.OperatorId, ct), grant.AgencyId, agencyName,
                grant.AgencyId is { } agency ? await GrantAgent.Grantee.MembersAsync(db, agency, ct) : null));
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
