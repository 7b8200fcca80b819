using System.Security.Claims;
using KamHub.Core.Errors;
using KamHub.Core.Security;
using KamHub.Payments.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KamHub.Payments.Ledger;

/// <summary>GET /api/operator/balance: the signed-in operator's balance per currency; an admin names the operator with ?operatorId=.</summary>
internal static class BalanceEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/operator/balance", HandleAsync).RequireAuthorization(AuthenticationRegistration.OperatorPolicy).WithTags("Payments").Produces<OperatorBalances>();

    private static async Task<IResult> HandleAsync(string? operatorId, ClaimsPrincipal user, PaymentsDbContext db, CancellationToken ct)
    {
        if (OperatorScope.Resolve(user, operatorId) is not { } scope) return OperatorScope.Problem(user, operatorId);
        return TypedResults.Ok(new OperatorBalances(scope, await OperatorBalance.ReadAsync(db, scope, ct)));
    }
}
