using System.Security.Claims;
using KamHub.Core.Data;
using KamHub.Core.Errors;
using KamHub.Core.Security;
using KamHub.Engagement.Data;
using KamHub.Engagement.Ratings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Engagement.Reviews.Moderation;

internal sealed record ModerationRequest(string? Reason);

/// <summary>
/// Admins hide a review (it leaves the tour's list and its rating) or restore it, always with a reason, which is kept
/// on the review with who and when. <c>GET /api/admin/reviews/reported</c> lists reported reviews, newest first;
/// <c>GET /api/admin/reviews</c> every review, hidden ones too, newest first (what the console's moderation page shows).
/// </summary>
internal static class ModerateReviewEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/reviews").RequireAuthorization(AuthenticationRegistration.AdminPolicy).WithTags("Reviews");
        admin.MapPost("/{id:guid}/hide", (Guid id, ModerationRequest request, ClaimsPrincipal user, EngagementDbContext db, TourRatings ratings,
            TimeProvider clock, CancellationToken ct) => SetHiddenAsync(id, true, request, user, db, ratings, clock, ct));
        admin.MapPost("/{id:guid}/restore", (Guid id, ModerationRequest request, ClaimsPrincipal user, EngagementDbContext db, TourRatings ratings,
            TimeProvider clock, CancellationToken ct) => SetHiddenAsync(id, false, request, user, db, ratings, clock, ct));
        admin.MapGet("/reported", ReportedAsync);
        admin.MapGet("", RecentAsync);
    }

    private static async Task<Results<Ok<ReviewDto>, ProblemHttpResult, ValidationProblem>> SetHiddenAsync(Guid id, bool hide, ModerationRequest request,
        ClaimsPrincipal user, EngagementDbContext db, TourRatings ratings, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors().Required(request.Reason, "reason", Review.ReasonMaxLength, multiline: true);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        var review = await db.Reviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (review is null) return Problems.NotFound($"There is no review {id}.");
        if (review.Hidden == hide) return Problems.Conflict(hide ? "The review is already hidden." : "The review is not hidden.");

        var now = StoredTime.Now(clock);
        var reason = request.Reason!.Trim();
        var admin = user.GetUserId();
        var changed = await RetryingTransaction.RunAsync(db, async token =>
        {
            var rows = await db.Reviews.Where(r => r.Id == id && r.Hidden != hide).ExecuteUpdateAsync(s => s.SetProperty(r => r.Hidden, hide)
                .SetProperty(r => r.ModerationReason, reason).SetProperty(r => r.ModeratedBy, admin).SetProperty(r => r.ModeratedAt, now), token);
            if (rows == 0) return (false, false);
            await ratings.RecountAsync(review.TourId, now, token);
            return (true, true);
        }, ct);
        if (!changed) return Problems.Conflict("The review changed meanwhile; read it again.");
        return TypedResults.Ok(ReviewDto.From(await db.Reviews.AsNoTracking().SingleAsync(r => r.Id == id, ct), admin));
    }

    /// <summary>Every review, visible or hidden, newest first (keyset on the id).</summary>
    private static async Task<Results<Ok<ReviewPage>, ValidationProblem>> RecentAsync(string? cursor, int? limit, ClaimsPrincipal user, EngagementDbContext db,
        CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var (after, take) = (errors.IdCursor(cursor), errors.Limit(limit, 20, ReviewPage.MaxLimit));
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        return TypedResults.Ok(await ReviewPage.ReadAsync(db.Reviews, after, take, user.GetUserId(), ct));
    }

    /// <summary>Reviews someone reported, visible or hidden, newest first (keyset on the id).</summary>
    private static async Task<Results<Ok<ReviewPage>, ValidationProblem>> ReportedAsync(string? cursor, int? limit, ClaimsPrincipal user, EngagementDbContext db,
        CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var (after, take) = (errors.IdCursor(cursor), errors.Limit(limit, 20, ReviewPage.MaxLimit));
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        return TypedResults.Ok(await ReviewPage.ReadAsync(db.Reviews.Where(r => r.Reports > 0), after, take, user.GetUserId(), ct));
    }
}
