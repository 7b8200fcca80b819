using System.Security.Claims;
using KamHub.Core.Security;
using KamHub.Core.Errors;
using KamHub.Engagement.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Engagement.Reviews.BookingReview;

/// <summary>
/// GET /api/bookings/{id}/review: the booking's review for its author (and the tour's operator, admins), so the review
/// page can offer the edit while its window is open; 404 when there is none or the caller may not see it.
/// </summary>
internal static class BookingReviewEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/bookings/{id:guid}/review", HandleAsync).RequireAuthorization().WithTags("Reviews");

    private static async Task<Results<Ok<ReviewDto>, ProblemHttpResult>> HandleAsync(Guid id, ClaimsPrincipal user, EngagementDbContext db, CancellationToken ct)
    {
        var review = await db.Reviews.AsNoTracking().FirstOrDefaultAsync(r => r.BookingId == id, ct);
        if (review is null || !(ReviewAccess.IsAuthor(user, review) || ReviewAccess.IsOperator(user, review)))
            return Problems.NotFound($"Booking {id} has no review of yours.");
        return TypedResults.Ok(ReviewDto.From(review, user.GetUserId()));
    }
}
