namespace KamHub.Partners.Contracts;

// Integration events of operator onboarding (ADR 0020). Aggregate: the operator organisation.

/// <summary><c>operator.applied</c>: an operator organisation submitted (or resubmitted) its application for review.</summary>
public sealed record OperatorApplied(Guid OperatorId, string LegalName, string TaxId, Guid SubmittedBy, DateTimeOffset OccurredAt)
{
    public const string EventName = "operator.applied";
    public const int EventVersion = 1;
}

/// <summary>
/// <c>operator.payout-details-changed</c>: an approved operator changed its payout details; payouts wait until an admin
/// approves the change (selling goes on).
/// </summary>
public sealed record OperatorPayoutDetailsChanged(Guid OperatorId, Guid SubmittedBy, DateTimeOffset OccurredAt)
{
    public const string EventName = "operator.payout-details-changed";
    public const int EventVersion = 1;
}

/// <summary><c>operator.approved</c>: an admin approved the application (<paramref name="Scope"/> = application) or a payout-details change (payout-details).</summary>
public sealed record OperatorApproved(Guid OperatorId, string Scope, Guid DecidedBy, DateTimeOffset OccurredAt)
{
    public const string EventName = "operator.approved";
    public const int EventVersion = 1;
}

/// <summary><c>operator.rejected</c>: an admin rejected the application or a payout-details change, with the reason the operator sees.</summary>
public sealed record OperatorRejected(Guid OperatorId, string Scope, string Reason, Guid DecidedBy, DateTimeOffset OccurredAt)
{
    public const string EventName = "operator.rejected";
    public const int EventVersion = 1;
}

/// <summary>
/// <c>operator.documents-changed</c>: an approved operator added (<paramref name="Change"/> = added) or removed (removed)
/// a document of its application; the documents wait for an admin's review (<paramref name="AwaitingReview"/>), selling and
/// payouts go on (ADR 0025). Removing the last unreviewed document ends the wait.
/// </summary>
public sealed record OperatorDocumentsChanged(Guid OperatorId, Guid DocumentId, string Change, bool AwaitingReview, Guid ChangedBy, DateTimeOffset OccurredAt)
{
    public const string EventName = "operator.documents-changed";
    public const int EventVersion = 1;
}
