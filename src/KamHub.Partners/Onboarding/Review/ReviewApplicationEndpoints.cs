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
/// application, a pending payout-details change or an approved organisation's changed documents (ADR 0025, update).
/// <c>scope</c> (query) names what is decided; without it, the first of application, payout-details, documents that waits.
/// Every decision is kept in operator_decisions and published.
/// </summary>
internal static class ReviewApplicationEndpoints
{
    public const string ScopeApplication = "application";
    public const string ScopePayoutDetails = "payout-details";
    public const string ScopeDocuments = "documents";

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
        errors.When(status is not (null or ApplicationStatus.Pending or ApplicationStatus.Approved or ApplicationStatus.Rejected or "payout-review" or "documents-review"),
            "status", "must be pending, approved, rejected, payout-review or documents-review.");
        var take = errors.Limit(limit, 50, 200);
        var after = errors.IdCursor(cursor);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        var query = db.OperatorApplications.AsNoTracking();
        query = status switch
        {
            null => query,
            "payout-review" => query.Where(a => a.PendingPayoutDetails != null),
            "documents-review" => query.Where(a => a.DocumentsChangedAt != null),
            _ => query.Where(a => a.Status == status),
        };
        if (after is { } last) query = query.Where(a => a.OperatorId.CompareTo(last) > 0);
        var rows = await query.OrderBy(a => a.OperatorId).Take(take + 1).ToListAsync(ct);
        var page = rows.Take(take).ToList();
        var documents = await Documents.DocumentDto.OfAsync(db, page.Select(a => a.OperatorId).ToList(), ct);
        var items = page.Select(a => ApplicationDto.From(a) with { Documents = documents[a.OperatorId].ToList() }).ToList();
        return TypedResults.Ok(new ApplicationPage(items, rows.Count > take ? items[^1].OperatorId.ToString() : null));
    }

    /// <summary>What of the application waits for a decision in <paramref name="scope"/> (or the first that waits); null: nothing.</summary>
    private static string? Waiting(OperatorApplication application, string? scope)
    {
        var waiting = Waits(application).ToList();
        return scope is null ? waiting.FirstOrDefault() : waiting.Contains(scope) ? scope : null;
    }

    private static IEnumerable<string> Waits(OperatorApplication application)
    {
        if (application.Status == ApplicationStatus.Pending) yield return ScopeApplication;
        if (application.Status != ApplicationStatus.Approved) yield break;
        if (application.PendingPayoutDetails is not null) yield return ScopePayoutDetails;
        if (application.DocumentsChangedAt is not null) yield return ScopeDocuments;
    }

    private static ValidationErrors CheckScope(string? scope) => new ValidationErrors().When(
        scope is not (null or ScopeApplication or ScopePayoutDetails or ScopeDocuments), "scope", "must be application, payout-details or documents.");

    private static async Task<Results<Ok<ApplicationDto>, ProblemHttpResult, ValidationProblem>> ApproveAsync(Guid operatorId, string? scope, ClaimsPrincipal user,
        PartnersDbContext db, IEventPublisher events, TimeProvider clock, CancellationToken ct)
    {
        var errors = CheckScope(scope);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        var application = await db.OperatorApplications.FirstOrDefaultAsync(a => a.OperatorId == operatorId, ct);
        if (application is null) return Problems.NotFound($"Operator {operatorId} has not applied.");
        var now = StoredTime.Now(clock);
        var decided = Waiting(application, scope);
        if (decided is null) return Problems.Conflict(NothingWaits(operatorId, application, scope));
        if (decided == ScopePayoutDetails)
        {
            application.PayoutDetails = application.PendingPayoutDetails!;
            application.PendingPayoutDetails = null;
        }

        // The documents approved are those on record now: the decision's time marks them decided on (they stay).
        if (decided == ScopeDocuments) application.DocumentsChangedAt = null;
        scope = decided;

        application.Status = ApplicationStatus.Approved;
        application.RejectionReason = null;
        Decide(db, application, scope, ApplicationStatus.Approved, null, user, now);
        events.Publish(db, operatorId.ToString(), new OperatorApproved(operatorId, scope, application.DecidedBy!.Value, StoredTime.Utc(now)));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ApplicationDto.From(application));
    }

    private static async Task<Results<Ok<ApplicationDto>, ProblemHttpResult, ValidationProblem>> RejectAsync(Guid operatorId, string? scope,
        RejectRequest request, ClaimsPrincipal user, PartnersDbContext db, IEventPublisher events, TimeProvider clock, CancellationToken ct)
    {
        var errors = CheckScope(scope).Required(request.Reason, "reason", OperatorApplication.ReasonMaxLength, multiline: true).Storable(request.Reason, "reason");
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        var application = await db.OperatorApplications.FirstOrDefaultAsync(a => a.OperatorId == operatorId, ct);
        if (application is null) return Problems.NotFound($"Operator {operatorId} has not applied.");
        var now = StoredTime.Now(clock);
        var reason = request.Reason!.Trim();
        var decided = Waiting(application, scope);
        if (decided is null) return Problems.Conflict(NothingWaits(operatorId, application, scope));
        if (decided == ScopeApplication)
        {
            application.Status = ApplicationStatus.Rejected;
            application.RejectionReason = reason;
        }

        // The old, approved details stay in force.
        if (decided == ScopePayoutDetails) application.PendingPayoutDetails = null;
        // Selling goes on; the operator reads the reason (event, e-mail) and sends corrected documents, which wait again.
        // The rejected ones stay on record: the decision was taken on them.
        if (decided == ScopeDocuments) application.DocumentsChangedAt = null;
        scope = decided;

        Decide(db, application, scope, ApplicationStatus.Rejected, reason, user, now);
        events.Publish(db, operatorId.ToString(), new OperatorRejected(operatorId, scope, reason, application.DecidedBy!.Value, StoredTime.Utc(now)));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ApplicationDto.From(application));
    }

    private static string NothingWaits(Guid operatorId, OperatorApplication application, string? scope) => scope is null
        ? $"Nothing of operator {operatorId} waits for review; the application is {application.Status}."
        : $"No {scope} of operator {operatorId} waits for review; the application is {application.Status}.";

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
