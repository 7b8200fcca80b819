using System.Security.Claims;
using KamHub.Core.Errors;
using KamHub.Core.Security;
using KamHub.Engagement.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace KamHub.Engagement.Reviews.ListReviews;

/// <summary>
/// GET /api/operator/reviews: the reviews of the signed-in operator's tours, hidden ones too (the operator sees why),
/// newest first, keyset-paged: what the desk lists with its reply forms.
/// </summary>
internal static class OperatorReviewsEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/operator/reviews", HandleAsync).RequireAuthorization(AuthenticationRegistration.OperatorPolicy).WithTags("Reviews");

    private static async Task<Results<Ok<ReviewPage>, ProblemHttpResult, ValidationProblem>> HandleAsync(string? cursor, int? limit, ClaimsPrincipal user,
        EngagementDbContext db, CancellationToken ct)
    {
        if (user.GetOperatorId() is not { } operatorId) return Problems.Forbidden("The account belongs to no operator.");
        var errors = new ValidationErrors();
        var (after, take) = (errors.IdCursor(cursor), errors.Limit(limit, 20, ReviewPage.MaxLimit));
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        return TypedResults.Ok(await ReviewPage.ReadAsync(db.Reviews.Where(r => r.OperatorId == operatorId), after, take, user.GetUserId(), ct));
    }
}
