using System.Security.Claims;
using System.Security.Cryptography;
using KamHub.Core.Errors;
using KamHub.Core.Events;
using KamHub.Core.OpenApi;
using KamHub.Core.Security;
using KamHub.Core.Time;
using KamHub.Partners.Data;
using KamHub.Partners.Onboarding.Documents.Scanning;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KamHub.Partners.Onboarding.Documents;

/// <summary>
/// POST /api/operator/application/documents (multipart/form-data, one part named <c>file</c>): an operator user attaches
/// a document to its organisation's application. PDF, JPEG or PNG by content, at most
/// <see cref="PartnersOptions.DocumentMaxBytes"/>, at most <see cref="PartnersOptions.DocumentsPerOperator"/> kept (ADR 0025).
/// The form is read here rather than bound, so the size limit holds while reading and a wrong body is a 400 naming
/// <c>file</c>, not a binder's error. With clamd configured every file is scanned before it is stored: an infected one is
/// a 422 naming the signature, a scanner that does not answer a 503 with Retry-After; nothing is stored either way. An
/// approved organisation's new document waits for the admin's review (<see cref="DocumentsReview"/>).
/// </summary>
internal static class UploadDocumentEndpoint
{
    /// <summary>Room for the multipart boundaries and headers around the file.</summary>
    private const int FormOverheadBytes = 16 * 1024;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/operator/application/documents", HandleAsync).RequireAuthorization().WithTags("Operator onboarding")
            .DisableAntiforgery()
            // The scanner's answers (ADR 0025, update): an infected file, and a configured clamd that does not answer.
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .DocumentsFileUpload("file", $"The document: {DocumentKinds.Allowed}.");

    private static async Task<Results<Created<DocumentDto>, ProblemHttpResult, ValidationProblem>> HandleAsync(HttpRequest request, ClaimsPrincipal user,
        PartnersDbContext db, IOptions<PartnersOptions> options, ClamdScanner scanner, IEventPublisher events, TimeProvider clock, CancellationToken ct)
    {
        if (!user.IsInRole(Roles.Operator) || user.GetOperatorId() is not { } operatorId || user.GetUserId() is not { } userId)
            return Problems.Forbidden("Only an operator user attaches documents to its organisation's application.");
        var application = await db.OperatorApplications.FirstOrDefaultAsync(a => a.OperatorId == operatorId, ct);
        if (application is null)
            return Problems.Conflict("Send the application first (PUT /api/operator/application); its documents come with it.");
        var max = options.Value.DocumentMaxBytes;
        var tooBig = $"must be at most {max / 1024} KiB.";
        if (!request.HasFormContentType) return Problems.Validation("file", $"is required: send multipart/form-data with {DocumentKinds.Allowed} in a part named file.");
        if (request.ContentLength > max + FormOverheadBytes) return Problems.Validation("file", tooBig);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = max + FormOverheadBytes;

        IFormFile? file;
        try
        {
            request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = max + FormOverheadBytes }));
            file = (await request.ReadFormAsync(ct)).Files.GetFile("file");
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return Problems.Validation("file", tooBig);
        }

        if (file is null || file.Length == 0) return Problems.Validation("file", $"is required: {DocumentKinds.Allowed}.");
        if (file.Length > max) return Problems.Validation("file", tooBig);
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(content, ct);
        if (DocumentKinds.ContentTypeOf(content) is not { } contentType) return Problems.Validation("file", $"must be {DocumentKinds.Allowed}.");

        // A cap on storage, not a business rule: two uploads racing past it leave one document too many, which is harmless.
        if (await db.ApplicationDocuments.CountAsync(d => d.OperatorId == operatorId, ct) >= options.Value.DocumentsPerOperator)
            return Problems.Conflict($"The application already has {options.Value.DocumentsPerOperator} documents; remove one first.");

        var scan = await scanner.ScanAsync(content, ct);
        if (scan.Outcome == ScanOutcome.Infected) return Problems.Unprocessable($"The file carries {scan.Detail}; it was not stored.");
        if (scan.Outcome == ScanOutcome.Unavailable)
        {
            request.HttpContext.Response.Headers.RetryAfter = options.Value.ClamdRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.Unavailable("The virus scanner does not answer; the file was not stored. Send it again later.");
        }

        var document = new ApplicationDocument
        {
            Id = Guid.CreateVersion7(), OperatorId = operatorId, FileName = DocumentKinds.SafeName(file.FileName), ContentType = contentType,
            SizeBytes = content.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)), Content = content, UploadedBy = userId,
            UploadedAt = StoredTime.Now(clock), Scan = scan.Outcome == ScanOutcome.Clean ? DocumentScan.Clean : DocumentScan.NotScanned,
        };
        db.ApplicationDocuments.Add(document);
        await DocumentsReview.MarkAsync(db, events, application, document.Id, DocumentsReview.Added, userId, document.UploadedAt, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/operator/application/documents/{document.Id}", DocumentDto.From(document));
    }
}
