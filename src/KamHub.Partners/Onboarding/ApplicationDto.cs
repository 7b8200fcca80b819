using KamHub.Partners.Data;
using KamHub.Core.Time;

namespace KamHub.Partners.Onboarding;

/// <param name="PendingPayoutDetails">A change of payout details waiting for review (payouts wait with it).</param>
/// <param name="DocumentsChangedAt">When an approved organisation's documents last changed, waiting for the admin's review
/// (the documents uploaded after <paramref name="DecidedAt"/> are the new ones); null when nothing waits.</param>
/// <param name="Documents">The files attached to it, without their content (ADR 0025); empty where not read.</param>
internal sealed record ApplicationDto(Guid OperatorId, string LegalName, string TaxId, string ContactEmail, string? ContactPhone, PayoutDetails PayoutDetails,
    PayoutDetails? PendingPayoutDetails, string Status, string? RejectionReason, DateTimeOffset SubmittedAt, DateTimeOffset? DecidedAt,
    IReadOnlyList<Documents.DocumentDto>? Documents = null, DateTimeOffset? DocumentsChangedAt = null)
{
    public static ApplicationDto From(OperatorApplication a) => new(a.OperatorId, a.LegalName, a.TaxId, a.ContactEmail, a.ContactPhone,
        PayoutDetails.FromJson(a.PayoutDetails)!, PayoutDetails.FromJson(a.PendingPayoutDetails), a.Status, a.RejectionReason,
        StoredTime.Utc(a.SubmittedAt), a.DecidedAt is { } d ? StoredTime.Utc(d) : null,
        DocumentsChangedAt: a.DocumentsChangedAt is { } changed ? StoredTime.Utc(changed) : null);
}
