using System.Security.Claims;
using KamHub.Core.Errors;
using KamHub.Core.Security;
using KamHub.Partners.Contracts;
using KamHub.Payments.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.Payments.Ledger;

/// <summary>
/// GET /api/agent/balance: the signed-in agent's commission account per currency (ADR 0023), and its agency's account when
/// it is a member of one now (asked of Partners; without Partners there are no agencies).
/// </summary>
internal static class AgentBalanceEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/agent/balance", HandleAsync).RequireAuthorization(AuthenticationRegistration.AgentPolicy).WithTags("Agents");

    private static async Task<Results<Ok<AgentBalances>, ProblemHttpResult>> HandleAsync(ClaimsPrincipal user, PaymentsDbContext db, IServiceProvider services,
        CancellationToken ct)
    {
        if (user.GetUserId() is not { } agentId) return Problems.Unauthorized("The token names no user.");
        var membership = services.GetService<IAgencyDirectory>() is { } agencies ? await agencies.MembershipAsync(agentId, ct) : null;
        var agency = membership is null ? null
            : new AgencyBalances(membership.AgencyId, membership.Name, await AgentBalance.OfAgencyAsync(db, membership.AgencyId, ct));
        return TypedResults.Ok(new AgentBalances(agentId, await AgentBalance.OfAgentAsync(db, agentId, ct), agency));
    }
}
