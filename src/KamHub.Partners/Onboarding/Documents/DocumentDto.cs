using KamHub.Core.Time;
using KamHub.Partners.Data;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Partners.Onboarding.Documents;

/// <summary>A document as listed: what it is, never its content (that is its own download).</summary>
/// <param name="Scan">clean (clamd found nothing) or not-scanned (no scanner configured when it was uploaded).</param>
internal sealed record DocumentDto(Guid Id, string FileName, string ContentType, int SizeBytes, string Sha256, DateTimeOffset UploadedAt, string Scan)
{
    public static DocumentDto From(ApplicationDocument d) => new(d.Id, d.FileName, d.ContentType, d.SizeBytes, d.Sha256, StoredTime.Utc(d.UploadedAt), d.Scan);

    /// <summary>The documents of these organisations, oldest first, read without their content.</summary>
    public static async Task<ILookup<Guid, DocumentDto>> OfAsync(PartnersDbContext db, IReadOnlyCollection<Guid> operatorIds, CancellationToken ct)
    {
        var rows = await db.ApplicationDocuments.AsNoTracking().Where(d => operatorIds.Contains(d.OperatorId)).OrderBy(d => d.UploadedAt).ThenBy(d => d.Id)
            .Select(d => new { d.OperatorId, d.Id, d.FileName, d.ContentType, d.SizeBytes, d.Sha256, d.UploadedAt, d.Scan }).ToListAsync(ct);
        return rows.ToLookup(r => r.OperatorId, r => new DocumentDto(r.Id, r.FileName, r.ContentType, r.SizeBytes, r.Sha256, StoredTime.Utc(r.UploadedAt), r.Scan));
    }
}
