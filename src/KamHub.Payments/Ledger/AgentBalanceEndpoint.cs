using System.Security.Claims;
using KamHub.Core.Errors;
using KamHub.Core.Security;
using KamHub.Payments.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace KamHub.Payments.Ledger;

/// <summary>GET /api/agent/balance: the signed-in agent's commission account per currency (ADR 0023).</summary>
internal static class AgentBalanceEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/agent/balance", HandleAsync).RequireAuthorization(AuthenticationRegistration.AgentPolicy).WithTags("Agents");

    private static async Task<Results<Ok<AgentBalances>, ProblemHttpResult>> HandleAsync(ClaimsPrincipal user, PaymentsDbContext db, CancellationToken ct)
    {
        if (user.GetUserId() is not { } agentId) return Problems.Unauthorized("The token names no user.");
        return TypedResults.Ok(new AgentBalances(agentId, await AgentBalance.ReadAsync(db, agentId, ct)));
    }
}
