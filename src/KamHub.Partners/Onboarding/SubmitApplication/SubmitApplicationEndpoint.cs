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

namespace KamHub.Partners.Onboarding.SubmitApplication;

/// <summary>
/// PUT /api/operator/application: an operator user submits its organisation's application, or changes it. A new,
/// pending or rejected application goes (back) to review; an approved one keeps selling, but new legal details send it
/// back to review and new payout details wait for review on their own (payouts stop until approved).
/// GET /api/operator/application: the organisation's application and where it stands.
/// </summary>
internal static class SubmitApplicationEndpoint
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPut("/api/operator/application", SubmitAsync).RequireAuthorization().WithTags("Operator onboarding");
        app.MapGet("/api/operator/application", GetAsync).RequireAuthorization().WithTags("Operator onboarding");
    }

    private static async Task<Results<Ok<ApplicationDto>, ProblemHttpResult>> GetAsync(ClaimsPrincipal user, PartnersDbContext db, CancellationToken ct)
    {
        if (OperatorOf(user) is not { } operatorId) return Problems.Forbidden("Only an operator user has an application.");
        var application = await db.OperatorApplications.AsNoTracking().FirstOrDefaultAsync(a => a.OperatorId == operatorId, ct);
        if (application is null) return Problems.NotFound("The organisation has not applied yet.");
        var documents = await Documents.DocumentDto.OfAsync(db, [operatorId], ct);
        return TypedResults.Ok(ApplicationDto.From(application) with { Documents = documents[operatorId].ToList() });
    }

    private static async Task<Results<Ok<ApplicationDto>, ProblemHttpResult, ValidationProblem>> SubmitAsync(SubmitApplicationRequest request,
        ClaimsPrincipal user, PartnersDbContext db, IEventPublisher events, TimeProvider clock, CancellationToken ct)
    {
        if (OperatorOf(user) is not { } operatorId || user.GetUserId() is not { } userId)
            return Problems.Forbidden("Only an operator user applies for its organisation.");
        var errors = request.Check();
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

        var now = StoredTime.Now(clock);
        var payout = request.PayoutDetails!.Normalized().ToJson();
        var application = await db.OperatorApplications.FirstOrDefaultAsync(a => a.OperatorId == operatorId, ct);
        if (application is null)
        {
            application = new OperatorApplication { OperatorId = operatorId };
            db.OperatorApplications.Add(application);
        }

        var legalChanged = application.LegalName != request.LegalName!.Trim() || application.TaxId != request.TaxId;
        application.ContactEmail = request.ContactEmail!.Trim();
        application.ContactPhone = PhoneNumbers.ToE164(request.ContactPhone);
        application.Version++;
        if (application.Status == ApplicationStatus.Approved && !legalChanged)
        {
            // Selling goes on; only new payout details wait for review.
            if (payout != application.PayoutDetails && payout != application.PendingPayoutDetails)
            {
                application.PendingPayoutDetails = payout;
                events.Publish(db, operatorId.ToString(), new OperatorPayoutDetailsChanged(operatorId, userId, StoredTime.Utc(now)));
            }
            else if (payout == application.PayoutDetails) application.PendingPayoutDetails = null;
        }
        else
        {
            application.LegalName = request.LegalName!.Trim();
            application.TaxId = request.TaxId!;
            application.PayoutDetails = payout;
            application.PendingPayoutDetails = null;
            application.Status = ApplicationStatus.Pending;
            application.RejectionReason = null;
            application.SubmittedBy = userId;
            application.SubmittedAt = now;
            events.Publish(db, operatorId.ToString(), new OperatorApplied(operatorId, application.LegalName, application.TaxId, userId, StoredTime.Utc(now)));
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ApplicationDto.From(application));
    }

    private static Guid? OperatorOf(ClaimsPrincipal user) => user.IsInRole(Roles.Operator) ? user.GetOperatorId() : null;
}
