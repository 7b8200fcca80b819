using KamHub.Core.Errors;
using KamHub.Engagement.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace KamHub.Engagement.Reviews.ListReviews;

/// <summary>GET /api/tours/{id}/reviews: a tour's visible reviews, newest first, keyset-paged; anyone may read them.</summary>
internal static class ListTourReviewsEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/tours/{id:guid}/reviews", HandleAsync).AllowAnonymous().WithTags("Reviews");

    private static async Task<Results<Ok<ReviewPage>, ValidationProblem>> HandleAsync(Guid id, string? cursor, int? limit, EngagementDbContext db,
        CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var (after, take) = (errors.IdCursor(cursor), errors.Limit(limit, 20, ReviewPage.MaxLimit));
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        return TypedResults.Ok(await ReviewPage.ReadAsync(db.Reviews.Where(r => r.TourId == id && !r.Hidden), after, take, ct));
    }
}
