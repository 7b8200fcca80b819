using System.Security.Claims;
using KamHub.Core.Errors;
using KamHub.Core.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using KamHub.Core.Time;

namespace KamHub.Engagement.Points;

/// <summary>GET /api/me/points: the signed-in user's balance and what expires when.</summary>
internal static class MyPointsEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/me/points", HandleAsync).RequireAuthorization().WithTags("Points");

    private static async Task<Results<Ok<PointsBalance>, ProblemHttpResult>> HandleAsync(ClaimsPrincipal user, PointsLedger ledger, TimeProvider clock,
        CancellationToken ct)
    {
        if (user.GetUserId() is not { } userId) return Problems.Unauthorized("The token names no user.");
        return TypedResults.Ok(await ledger.BalanceAsync(userId, StoredTime.Now(clock), ct));
    }
}
