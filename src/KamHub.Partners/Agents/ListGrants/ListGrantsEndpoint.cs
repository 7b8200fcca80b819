using System.Security.Claims;
using KamHub.Core.Errors;
using KamHub.Core.Security;
using KamHub.Core.Time;
using KamHub.Identity.Contracts;
using KamHub.Partners.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Partners.Agents.ListGrants;

/// <summary>GET /api/operator/agents: the operator's grants, revoked ones included, newest first (keyset on the id).</summary>
internal static class ListGrantsEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/operator/agents", HandleAsync).RequireAuthorization(AuthenticationRegistration.OperatorPolicy).WithTags("Agents");

    private static async Task<Results<Ok<AgentGrantPage>, ProblemHttpResult, ValidationProblem>> HandleAsync(string? cursor, int? limit, ClaimsPrincipal user,
        PartnersDbContext db, IUserDirectory users, TimeProvider clock, CancellationToken ct)
    {
        var (operatorId, refusal) = GrantAccess.Organisation(user);
        if (refusal is not null) return refusal;
        var errors = new ValidationErrors();
        var after = errors.IdCursor(cursor);
        var take = errors.Limit(limit, 50, 200);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

        var query = db.AgentGrants.AsNoTracking().Where(g => g.OperatorId == operatorId);
        if (after is { } last) query = query.Where(g => g.Id.CompareTo(last) < 0);
        var rows = await query.OrderByDescending(g => g.Id).Take(take + 1).ToListAsync(ct);
        var page = rows.Take(take).ToList();
        var ids = page.Where(g => !g.AllTours).Select(g => g.Id).ToList();
        var tours = (await db.AgentGrantTours.AsNoTracking().Where(t => ids.Contains(t.GrantId)).ToListAsync(ct))
            .GroupBy(t => t.GrantId).ToDictionary(g => g.Key, g => (IReadOnlyList<Guid>)g.Select(t => t.TourId).Order().ToList());
        var agents = new Dictionary<Guid, UserContact?>();
        foreach (var agentId in page.Where(g => g.AgencyId is null).Select(g => g.AgentUserId).Distinct()) agents[agentId] = await users.FindAsync(agentId, ct);
        var agencyIds = page.Where(g => g.AgencyId is not null).Select(g => g.AgencyId!.Value).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var now = StoredTime.Now(clock);
        return TypedResults.Ok(new AgentGrantPage(page.Select(g => AgentGrantDto.From(g, tours.GetValueOrDefault(g.Id), now,
            g.AgencyId is null ? agents[g.AgentUserId] : null, g.AgencyId is { } agency ? agencies.GetValueOrDefault(agency) : null)).ToList(),
            rows.Count > take ? page[^1].Id.ToString() : null));
    }
}
