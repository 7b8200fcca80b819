using System.Security.Claims;
using KamHub.Core.Data;
using KamHub.Core.Errors;
using KamHub.Core.Security;
using KamHub.Engagement.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Engagement.Reviews.Moderation;

/// <summary>
/// POST /api/reviews/{id}/helpful: anyone signed in but its author marks a visible review helpful, once; again changes
/// nothing. The vote and the review's counter move in one transaction; a racing repeat meets the vote's key.
/// </summary>
internal static class HelpfulVoteEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/reviews/{id:guid}/helpful", HandleAsync).RequireAuthorization().WithTags("Reviews");

    private static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(Guid id, ClaimsPrincipal user, EngagementDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        if (user.GetUserId() is not { } userId) return Problems.Unauthorized("The token names no user.");
        var review = await db.Reviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && !r.Hidden, ct);
        if (review is null) return Problems.NotFound($"There is no review {id}.");
        if (review.AuthorId == userId) return Problems.Forbidden("Authors do not vote for their own reviews.");
        if (await db.ReviewVotes.AnyAsync(v => v.ReviewId == id && v.VoterId == userId, ct)) return TypedResults.NoContent();
        try
        {
            await RetryingTransaction.RunAsync(db, async token =>
            {
                db.ReviewVotes.Add(new ReviewVote { ReviewId = id, VoterId = userId, CreatedAt = StoredTime.Now(clock) });
                await db.SaveChangesAsync(token);
                await db.Reviews.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Helpful, r => r.Helpful + 1), token);
                return (true, true);
            }, ct);
        }
        catch (DbUpdateException)
        {
            // The same person's concurrent vote landed first.
            db.ChangeTracker.Clear();
        }

        return TypedResults.NoContent();
    }
}
