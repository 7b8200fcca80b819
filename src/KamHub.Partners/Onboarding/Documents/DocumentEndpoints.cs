using System.Security.Claims;
using KamHub.Core.Errors;
using KamHub.Core.Events;
using KamHub.Core.Time;
using KamHub.Core.Security;
using KamHub.Partners.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Partners.Onboarding.Documents;

/// <summary>
/// An application's documents after upload: its operator downloads or removes its own, an admin downloads any while
/// reviewing (the lists are in the applications' answers). A document the admin has decided with (uploaded before the
/// latest decision) stays: the decision's record keeps what it was taken on (ADR 0025).
/// </summary>
internal static class DocumentEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/operator/application/documents/{id:guid}", OwnAsync).RequireAuthorization().WithTags("Operator onboarding").ProducesDocument();
        app.MapDelete("/api/operator/application/documents/{id:guid}", RemoveAsync).RequireAuthorization().WithTags("Operator onboarding");
        app.MapGet("/api/admin/operator-applications/{operatorId:guid}/documents/{id:guid}", ReviewAsync)
            .RequireAuthorization(AuthenticationRegistration.AdminPolicy).WithTags("Operator onboarding").ProducesDocument();
    }

    /// <summary>The file's bytes in its sniffed type: OpenAPI shows a binary answer (a file result alone has no schema).</summary>
    private static RouteHandlerBuilder ProducesDocument(this RouteHandlerBuilder endpoint) =>
        endpoint.Produces<byte[]>(StatusCodes.Status200OK, DocumentKinds.ContentTypes[0], DocumentKinds.ContentTypes[1..]);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> OwnAsync(Guid id, ClaimsPrincipal user, PartnersDbContext db, CancellationToken ct)
    {
        if (OperatorOf(user) is not { } operatorId) return Problems.Forbidden("Only an operator user reads its organisation's documents.");
        return await FileAsync(db, operatorId, id, ct);
    }

    private static Task<Results<FileContentHttpResult, ProblemHttpResult>> ReviewAsync(Guid operatorId, Guid id, PartnersDbContext db, CancellationToken ct) =>
        FileAsync(db, operatorId, id, ct);

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(Guid id, ClaimsPrincipal user, PartnersDbContext db, IEventPublisher events,
        TimeProvider clock, CancellationToken ct)
    {
        if (OperatorOf(user) is not { } operatorId || user.GetUserId() is not { } userId)
            return Problems.Forbidden("Only an operator user removes its organisation's documents.");
        var document = await db.ApplicationDocuments.Where(d => d.Id == id && d.OperatorId == operatorId).Select(d => new ApplicationDocument { Id = d.Id, UploadedAt = d.UploadedAt })
            .FirstOrDefaultAsync(ct);
        if (document is null) return Problems.NotFound($"There is no document {id}.");
        var application = await db.OperatorApplications.FirstOrDefaultAsync(a => a.OperatorId == operatorId, ct);
        if (application?.DecidedAt is { } decided && document.UploadedAt <= decided)
            return Problems.Conflict("An admin has decided on the application with this document; it stays on record.");
        // Removed with the application's change in one save: the wait for review and its event never disagree with the documents.
        db.ApplicationDocuments.Attach(document);
        db.ApplicationDocuments.Remove(document);
        if (application is not null) await DocumentsReview.MarkAsync(db, events, application, id, DocumentsReview.Removed, userId, StoredTime.Now(clock), ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> FileAsync(PartnersDbContext db, Guid operatorId, Guid id, CancellationToken ct)
    {
        var document = await db.ApplicationDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && d.OperatorId == operatorId, ct);
        if (document is null) return Problems.NotFound($"There is no document {id}.");
        // Always an attachment of its sniffed type: an upload is never rendered inline as a page of ours.
        return TypedResults.File(document.Content, document.ContentType, document.FileName);
    }

    private static Guid? OperatorOf(ClaimsPrincipal user) => user.IsInRole(Roles.Operator) ? user.GetOperatorId() : null;
}
