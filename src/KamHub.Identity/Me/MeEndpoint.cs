using System.Security.Claims;
using KamHub.Core.Errors;
using KamHub.Core.Security;
using KamHub.Identity.Data;
using KamHub.Identity.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Identity.Me;

internal static class MeEndpoint
{
    public static IEndpointRouteBuilder MapMe(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/me", HandleAsync)
            .WithName("GetMe")
            .WithSummary("The signed-in user.")
            .WithTags("Identity")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> HandleAsync(ClaimsPrincipal principal, IdentityDbContext db, CancellationToken ct)
    {
        var id = principal.GetUserId();
        var user = id is null ? null : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
        // A valid token for a user that no longer exists (or was minted elsewhere) names nobody.
        return user is null ? Problems.NotFound("The signed-in user does not exist.") : TypedResults.Ok(UserResponse.From(user));
    }
}
