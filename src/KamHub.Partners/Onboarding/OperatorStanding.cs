using KamHub.Partners.Contracts;
using KamHub.Partners.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KamHub.Partners.Onboarding;

/// <summary>The facade Discovery and Payments ask before publishing a tour and paying out (ADR 0020).</summary>
internal sealed class OperatorStanding(PartnersDbContext db, IOptions<PartnersOptions> options) : IOperatorStanding
{
    public async Task<bool> MayPublishAsync(Guid operatorId, CancellationToken ct) =>
        !options.Value.RequireOperatorApproval
        || await db.OperatorApplications.AnyAsync(a => a.OperatorId == operatorId && a.Status == ApplicationStatus.Approved, ct);

    public async Task<bool> MayReceivePayoutsAsync(Guid operatorId, CancellationToken ct) =>
        !options.Value.RequireOperatorApproval
        || await db.OperatorApplications.AnyAsync(a => a.OperatorId == operatorId && a.Status == ApplicationStatus.Approved && a.PendingPayoutDetails == null, ct);
}
