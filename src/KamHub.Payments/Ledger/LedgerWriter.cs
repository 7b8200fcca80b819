using KamHub.Payments.Data;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Payments.Ledger;

/// <summary>
/// Adds ledger entries to the caller's transaction (tracked; the caller saves). Captures and refunds change the
/// operator account; a loyalty discount moves money from the platform to the operator, so the operator is credited the
/// whole price (<see cref="Commission.DiscountDue"/>); commission moves money between the operator and the platform so
/// that, after every change, the platform holds exactly <see cref="Commission.Due"/> of what the booking earns: the
/// money kept plus the discount still funded, exactly what it would hold had the customer paid it all in money.
/// An agent's commission (ADR 0023) is settled the same way, on the same base, from the operator's account to the agent's:
/// after every capture or refund the agent holds exactly its basis points of what the booking earns, so a refund takes
/// back its proportion and operator + platform + agent always add up to captured − refunded. When the agent sold under an
/// agency's grant, the entries carry the agency too and are the agency's account (its balance and payouts), not the agent's.
/// </summary>
internal sealed class LedgerWriter(PaymentsDbContext db)
{
    public async Task CaptureAsync(Payment payment, long capturedMinor, int basisPoints, DateTime now, CancellationToken ct)
    {
        Add(payment, null, LedgerAccounts.Operator, LedgerKinds.Capture, capturedMinor, now);
        await SettleCommissionAsync(payment, capturedMinor, payment.RefundedMinor, basisPoints, now, ct);
    }

    /// <param name="refundedAfter">The payment's completed refunds including this one.</param>
    public async Task RefundAsync(Payment payment, Refund refund, long refundedAfter, DateTime now, CancellationToken ct)
    {
        Add(payment, refund.Id, LedgerAccounts.Operator, LedgerKinds.Refund, -refund.AmountMinor, now);
        await SettleCommissionAsync(payment, payment.CapturedMinor, refundedAfter, payment.CommissionBasisPoints ?? 0, now, ct, refund.Id);
    }

    private async Task SettleCommissionAsync(Payment payment, long captured, long refunded, int basisPoints, DateTime now, CancellationToken ct, Guid? refundId = null)
    {
        var discount = Commission.DiscountDue(payment.DiscountMinor, captured, refunded);
        var funded = -await PlatformSumAsync(payment.Id, LedgerKinds.Discount, ct);
        if (discount != funded)
        {
            Add(payment, refundId, LedgerAccounts.Platform, LedgerKinds.Discount, -(discount - funded), now);
            Add(payment, refundId, LedgerAccounts.Operator, LedgerKinds.Discount, discount - funded, now);
        }

        var charged = await PlatformSumAsync(payment.Id, LedgerKinds.Commission, ct);
        var delta = Commission.Due(captured + discount, refunded, basisPoints) - charged;
        if (delta != 0)
        {
            Add(payment, refundId, LedgerAccounts.Operator, LedgerKinds.Commission, -delta, now);
            Add(payment, refundId, LedgerAccounts.Platform, LedgerKinds.Commission, delta, now);
        }

        if (payment.AgentId is null) return;
        var earned = await SumAsync(payment.Id, LedgerAccounts.Agent, LedgerKinds.AgentCommission, ct);
        var agentDelta = Commission.Due(captured + discount, refunded, payment.AgentCommissionBasisPoints ?? 0) - earned;
        if (agentDelta == 0) return;
        Add(payment, refundId, LedgerAccounts.Operator, LedgerKinds.AgentCommission, -agentDelta, now, payment.AgentId, payment.AgencyId);
        Add(payment, refundId, LedgerAccounts.Agent, LedgerKinds.AgentCommission, agentDelta, now, payment.AgentId, payment.AgencyId);
    }

    private Task<long> PlatformSumAsync(Guid paymentId, string kind, CancellationToken ct) => SumAsync(paymentId, LedgerAccounts.Platform, kind, ct);

    /// <summary>One account's entries of one kind for the payment, saved and still to be saved.</summary>
    private async Task<long> SumAsync(Guid paymentId, string account, string kind, CancellationToken ct) =>
        await db.Ledger.Where(l => l.PaymentId == paymentId && l.Account == account && l.Kind == kind).SumAsync(l => l.AmountMinor, ct)
        + db.Ledger.Local.Where(l => l.PaymentId == paymentId && l.Account == account && l.Kind == kind && db.Entry(l).State == EntityState.Added)
            .Sum(l => l.AmountMinor);

    private void Add(Payment payment, Guid? refundId, string account, string kind, long amount, DateTime now, Guid? agentId = null, Guid? agencyId = null) =>
        db.Ledger.Add(new LedgerEntry
        {
            Id = Guid.CreateVersion7(),
            OperatorId = payment.OperatorId,
            BookingId = payment.BookingId,
            PaymentId = payment.Id,
            AgentId = agentId,
            AgencyId = agencyId,
            RefundId = refundId,
            Account = account,
            Kind = kind,
            AmountMinor = amount,
            Currency = payment.Currency,
            OccurredAt = now,
        });
}
