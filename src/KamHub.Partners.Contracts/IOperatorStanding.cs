namespace KamHub.Partners.Contracts;

/// <summary>
/// Whether an operator organisation may sell and be paid (ADR 0020). Discovery asks before a tour is published,
/// Payments before a payout. Both answer true for everyone when approval is not required (KamHub:Partners:RequireOperatorApproval).
/// </summary>
public interface IOperatorStanding
{
    /// <summary>Approved: may publish tours.</summary>
    Task<bool> MayPublishAsync(Guid operatorId, CancellationToken ct);

    /// <summary>Approved, with no payout-details change waiting for review.</summary>
    Task<bool> MayReceivePayoutsAsync(Guid operatorId, CancellationToken ct);
}
