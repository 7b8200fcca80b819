using System.Security.Claims;
using KamHub.Core.Security;
using KamHub.Core.Data;
using KamHub.Core.Errors;
using KamHub.Engagement.Data;
using KamHub.Engagement.Ratings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using KamHub.Core.Time;

namespace KamHub.Engagement.Reviews.EditReview;

/// <summary>PATCH /api/reviews/{id}: the author changes stars, text or aspects within the edit window after writing.</summary>
internal static class EditReviewEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPatch("/api/reviews/{id:guid}", HandleAsync).RequireAuthorization().WithTags("Reviews");

    private static async Task<Results<Ok<ReviewDto>, ProblemHttpResult, ValidationProblem>> HandleAsync(Guid id, ReviewFields request,
        ClaimsPrincipal user, EngagementDbContext db, TourRatings ratings, IOptions<EngagementOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var review = await db.Reviews.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (review is null || !ReviewAccess.CanSee(user, review)) return Problems.NotFound($"There is no review {id}.");
        if (!ReviewAccess.IsAuthor(user, review)) return Problems.Forbidden("Only its author edits a review.");
        var errors = request.Check(partial: true);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        var now = StoredTime.Now(clock);
        if (now > review.CreatedAt.AddHours(options.Value.ReviewEditHours))
            return Problems.Conflict($"A review can be changed for {options.Value.ReviewEditHours} hours after it was written.");

        review.Rating = request.Rating ?? review.Rating;
        review.Text = request.Text?.Trim() ?? review.Text;
        review.Language = request.Language ?? review.Language;
        review.GuideRating = request.Aspects?.Guide ?? review.GuideRating;
        review.SafetyRating = request.Aspects?.Safety ?? review.SafetyRating;
        review.ValueRating = request.Aspects?.Value ?? review.ValueRating;
        review.EditedAt = now;
        await RetryingTransaction.RunAsync(db, async token =>
        {
            await db.SaveChangesAsync(token);
            await ratings.RecountAsync(review.TourId, now, token);
            return (true, true);
        }, ct);
        return TypedResults.Ok(ReviewDto.From(review, user.GetUserId()));
    }
}
