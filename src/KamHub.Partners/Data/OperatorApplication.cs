namespace KamHub.Partners.Data;

/// <summary>
/// An operator organisation's onboarding: its legal details and payout details as the admin reviewed them. One per
/// organisation; <see cref="PendingPayoutDetails"/> holds a change of an approved organisation's payout details until
/// an admin approves it (payouts wait; selling does not).
/// </summary>
internal sealed class OperatorApplication
{
    public const int NameMaxLength = 300;
    public const int ReasonMaxLength = 1000;

    public Guid OperatorId { get; set; }

    public string LegalName { get; set; } = "";

    /// <summary>INN: 10 digits for an organisation, 12 for an individual entrepreneur.</summary>
    public string TaxId { get; set; } = "";

    public string ContactEmail { get; set; } = "";

    public string? ContactPhone { get; set; }

    /// <summary>JSON of <see cref="Onboarding.PayoutDetails"/>.</summary>
    public string PayoutDetails { get; set; } = "";

    public string? PendingPayoutDetails { get; set; }

    /// <summary>
    /// When an approved organisation's documents last changed (one added or removed) while no admin has reviewed them
    /// yet; null when nothing waits. Like <see cref="PendingPayoutDetails"/>, selling and payouts go on meanwhile (ADR 0025).
    /// </summary>
    public DateTime? DocumentsChangedAt { get; set; }

    /// <summary>pending, approved or rejected.</summary>
    public string Status { get; set; } = ApplicationStatus.Pending;

    public string? RejectionReason { get; set; }

    public Guid SubmittedBy { get; set; }

    public DateTime SubmittedAt { get; set; }

    public Guid? DecidedBy { get; set; }

    public DateTime? DecidedAt { get; set; }

    /// <summary>Optimistic concurrency: two admins deciding at once, or an operator resubmitting meanwhile: one wins, the other gets 409.</summary>
    public long Version { get; set; }
}

internal static class ApplicationStatus
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
}
