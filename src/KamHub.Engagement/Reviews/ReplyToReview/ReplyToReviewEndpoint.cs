using System.Security.Claims;
using KamHub.Core.Errors;
using KamHub.Core.Security;
using KamHub.Engagement.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Engagement.Reviews.ReplyToReview;

internal sealed record ReplyRequest(string? Text);

/// <summary>POST /api/reviews/{id}/reply: the tour's operator (or an admin) answers once, publicly.</summary>
internal static class ReplyToReviewEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/reviews/{id:guid}/reply", HandleAsync).RequireAuthorization(AuthenticationRegistration.OperatorPolicy).WithTags("Reviews");

    private static async Task<Results<Ok<ReviewDto>, ProblemHttpResult, ValidationProblem>> HandleAsync(Guid id, ReplyRequest request,
        ClaimsPrincipal user, EngagementDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var review = await db.Reviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (review is null || !ReviewAccess.CanSee(user, review)) return Problems.NotFound($"There is no review {id}.");
        if (!ReviewAccess.IsOperator(user, review)) return Problems.Forbidden("Only the tour's operator replies to its reviews.");
        var errors = new ValidationErrors().Required(request.Text, "text", Review.ReplyMaxLength, multiline: true);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

        var now = StoredTime.Now(clock);
        var text = request.Text!.Trim();
        // Conditional: of two replies sent at once, one lands.
        var changed = await db.Reviews.Where(r => r.Id == id && r.Reply == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Reply, text).SetProperty(r => r.RepliedAt, now), ct);
        if (changed == 0) return Problems.Conflict("The review already has the operator's reply.");
        review.Reply = text;
        review.RepliedAt = now;
        return TypedResults.Ok(ReviewDto.From(review, user.GetUserId()));
    }
}
