using KamHub.Core.Events;
using KamHub.Core.Time;
using KamHub.Partners.Contracts;
using KamHub.Partners.Data;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Partners.Onboarding.Documents;

/// <summary>
/// An approved organisation whose documents change goes back to the admin for them, as a payout-details change does:
/// <see cref="OperatorApplication.DocumentsChangedAt"/> says they wait, selling and payouts go on (ADR 0025, update).
/// Documents decided on cannot be removed, so the unreviewed ones are exactly those uploaded after the latest decision:
/// removing the last of them ends the wait.
/// </summary>
internal static class DocumentsReview
{
    /// <summary>Marks the change on the tracked application and publishes it, to be saved with the document's own change.</summary>
    public static async Task MarkAsync(PartnersDbContext db, IEventPublisher events, OperatorApplication application, Guid documentId, string change,
        Guid userId, DateTime now, CancellationToken ct)
    {
        if (application.Status != ApplicationStatus.Approved) return;
        var decidedAt = application.DecidedAt ?? DateTime.MinValue;
        var awaiting = change == Added || await db.ApplicationDocuments.AnyAsync(d => d.OperatorId == application.OperatorId && d.Id != documentId
            && d.UploadedAt > decidedAt, ct);
        application.DocumentsChangedAt = awaiting ? now : null;
        // An admin deciding on the version read before this change gets 409 and sees the new documents.
        application.Version++;
        events.Publish(db, application.OperatorId.ToString(),
            new OperatorDocumentsChanged(application.OperatorId, documentId, change, awaiting, userId, StoredTime.Utc(now)));
    }

    public const string Added = "added";
    public const string Removed = "removed";
}
