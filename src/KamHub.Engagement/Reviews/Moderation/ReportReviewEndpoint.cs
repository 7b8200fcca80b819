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

namespace KamHub.Engagement.Reviews.Moderation;

internal sealed record ReportRequest(string? Reason);

/// <summary>POST /api/reviews/{id}/report: anyone signed in flags a review for the admins; again from the same person changes nothing.</summary>
internal static class ReportReviewEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/reviews/{id:guid}/report", HandleAsync).RequireAuthorization().WithTags("Reviews");

    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> HandleAsync(Guid id, ReportRequest? request,
        ClaimsPrincipal user, EngagementDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (user.GetUserId() is not { } userId) return Problems.Unauthorized("The token names no user.");
        var errors = new ValidationErrors().Optional(request?.Reason, "reason", Review.ReasonMaxLength, multiline: true);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        var review = await db.Reviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (review is null || !ReviewAccess.CanSee(user, review)) return Problems.NotFound($"There is no review {id}.");
        if (await db.ReviewReports.AnyAsync(r => r.ReviewId == id && r.ReporterId == userId, ct)) return TypedResults.NoContent();

        db.ReviewReports.Add(new ReviewReport
        {
            Id = Guid.CreateVersion7(), ReviewId = id, ReporterId = userId, Reason = request?.Reason?.Trim(), CreatedAt = StoredTime.Now(clock),
        });
        await db.SaveChangesAsync(ct);
        await db.Reviews.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Reports, r => r.Reports + 1), ct);
        return TypedResults.NoContent();
    }
}
