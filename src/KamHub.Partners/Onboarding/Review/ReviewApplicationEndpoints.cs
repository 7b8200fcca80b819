using System.Security.Claims;
using KamHub.Core.Errors;
using KamHub.Core.Events;
using KamHub.Core.Security;
using KamHub.Partners.Contracts;
using KamHub.Partners.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Partners.Onboarding.Review;

/// <summary>
/// The admin's review: list applications by status (keyset on the operator id), approve or reject a pending
/// application or a pending payout-details change. Every decision is kept in operator_decisions and published.
/// </summary>
internal static class ReviewApplicationEndpoints
{
    public const string ScopeApplication = "application";
    public const string ScopePayoutDetails = "payout-details";

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/operator-applications").RequireAuthorization(AuthenticationRegistration.AdminPolicy)
            .WithTags("Operator onboarding");
        group.MapGet("/", ListAsync);
        group.MapPost("/{operatorId:guid}/approve", ApproveAsync);
        group.MapPost("/{operatorId:guid}/reject", RejectAsync);
    }

    private static async Task<Results<Ok<ApplicationPage>, ValidationProblem>> ListAsync(string? status, int? limit, string? cursor, PartnersDbContext db,
        CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.When(status is not (null or ApplicationStatus.Pending or ApplicationStatus.Approved or ApplicationStatus.Rejected or "payout-review"),
            "status", "must be pending, approved, rejected or payout-review.");
        var take = errors.Limit(limit, 50, 200);
        var after = errors.IdCursor(cursor);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        var query = db.OperatorApplications.AsNoTracking();
        query = status switch
        {
            null => query,
            "payout-review" => query.Where(a => a.PendingPayoutDetails != null),
            _ => query.Where(a => a.Status == status),
        };
        if (after is { } last) query = query.Where(a => a.OperatorId.CompareTo(last) > 0);
        var rows = await query.OrderBy(a => a.OperatorId).Take(take + 1).ToListAsync(ct);
        var page = rows.Take(take).ToList();
        var documents = await Documents.DocumentDto.OfAsync(db, page.Select(a => a.OperatorId).ToList(), ct);
        var items = page.Select(a => ApplicationDto.From(a) with { Documents = documents[a.OperatorId].ToList() }).ToList();
        return TypedResults.Ok(new ApplicationPage(items, rows.Count > take ? items[^1].OperatorId.ToString() : null));
    }

    private static async Task<Results<Ok<ApplicationDto>, ProblemHttpResult>> ApproveAsync(Guid operatorId, ClaimsPrincipal user, PartnersDbContext db,
        IEventPublisher events, TimeProvider clock, CancellationToken ct)
    {
        var application = await db.OperatorApplications.FirstOrDefaultAsync(a => a.OperatorId == operatorId, ct);
        if (application is null) return Problems.NotFound($"Operator {operatorId} has not applied.");
        var now = StoredTime.Now(clock);
        string scope;
        if (application.Status == ApplicationStatus.Pending) scope = ScopeApplication;
        else if (application.Status == ApplicationStatus.Approved && application.PendingPayoutDetails is { } pending)
        {
            scope = ScopePayoutDetails;
            application.PayoutDetails = pending;
            application.PendingPayoutDetails = null;
        }
        else return Problems.Conflict($"Nothing of operator {operatorId} waits for review; the application is {application.Status}.");

        application.Status = ApplicationStatus.Approved;
        application.RejectionReason = null;
        Decide(db, application, scope, ApplicationStatus.Approved, null, user, now);
        events.Publish(db, operatorId.ToString(), new OperatorApproved(operatorId, scope, application.DecidedBy!.Value, StoredTime.Utc(now)));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ApplicationDto.From(application));
    }

    private static async Task<Results<Ok<ApplicationDto>, ProblemHttpResult, ValidationProblem>> RejectAsync(Guid operatorId, RejectRequest request,
        ClaimsPrincipal user, PartnersDbContext db, IEventPublisher events, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors().Required(request.Reason, "reason", OperatorApplication.ReasonMaxLength, multiline: true).Storable(request.Reason, "reason");
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        var application = await db.OperatorApplications.FirstOrDefaultAsync(a => a.OperatorId == operatorId, ct);
        if (application is null) return Problems.NotFound($"Operator {operatorId} has not applied.");
        var now = StoredTime.Now(clock);
        var reason = request.Reason!.Trim();
        string scope;
        if (application.Status == ApplicationStatus.Pending)
        {
            scope = ScopeApplication;
            application.Status = ApplicationStatus.Rejected;
            application.RejectionReason = reason;
        }
        else if (application.Status == ApplicationStatus.Approved && application.PendingPayoutDetails is not null)
        {
            // The old, approved details stay in force.
            scope = ScopePayoutDetails;
            application.PendingPayoutDetails = null;
        }
        else return Problems.Conflict($"Nothing of operator {operatorId} waits for review; the application is {application.Status}.");

        Decide(db, application, scope, ApplicationStatus.Rejected, reason, user, now);
        events.Publish(db, operatorId.ToString(), new OperatorRejected(operatorId, scope, reason, application.DecidedBy!.Value, StoredTime.Utc(now)));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ApplicationDto.From(application));
    }

    private static void Decide(PartnersDbContext db, OperatorApplication application, string scope, string decision, string? reason, ClaimsPrincipal user,
        DateTime now)
    {
        var admin = user.GetUserId() ?? Guid.Empty;
        application.DecidedBy = admin;
        application.DecidedAt = now;
        // Compared by EF on save: a decision taken on a version someone else changed meanwhile is a 409.
        application.Version++;
        db.OperatorDecisions.Add(new OperatorDecision
        {
            Id = Guid.CreateVersion7(), OperatorId = application.OperatorId, Scope = scope, Decision = decision, Reason = reason, DecidedBy = admin, DecidedAt = now,
        });
    }
}

internal sealed record RejectRequest(string? Reason);

internal sealed record ApplicationPage(IReadOnlyList<ApplicationDto> Items, string? NextCursor);
