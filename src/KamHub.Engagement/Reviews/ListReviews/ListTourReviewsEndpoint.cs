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
/// GET /api/tours/{id}/reviews: a tour's visible reviews, newest first or (<c>sort=helpful</c>) most helpful first,
/// keyset-paged; anyone may read them (a signed-in reader's own carry <c>mine</c>).
/// </summary>
internal static class ListTourReviewsEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/tours/{id:guid}/reviews", HandleAsync).AllowAnonymous().WithTags("Reviews");

    private static async Task<Results<Ok<ReviewPage>, ValidationProblem>> HandleAsync(Guid id, string? cursor, int? limit, string? sort, ClaimsPrincipal user,
        EngagementDbContext db,
        CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.When(sort is not (null or "newest" or "helpful"), "sort", "must be newest or helpful.");
        var take = errors.Limit(limit, 20, ReviewPage.MaxLimit);
        var visible = db.Reviews.Where(r => r.TourId == id && !r.Hidden);
        if (sort == "helpful")
        {
            var from = errors.Cursor(cursor, HelpfulCursor.Parse);
            if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
            return TypedResults.Ok(await ReviewPage.ReadMostHelpfulAsync(visible, from, take, user.GetUserId(), ct));
        }

        var after = errors.IdCursor(cursor);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        return TypedResults.Ok(await ReviewPage.ReadAsync(visible, after, take, user.GetUserId(), ct));
    }
}
