using KamHub.Payments.Data;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Payments.Ledger;

/// <summary>
/// Adds ledger entries to the caller's transaction (tracked; the caller saves). Captures and refunds change the
/// operator account; commission moves money between the operator and the platform so that, after every change,
/// the platform holds exactly <see cref="Commission.Due"/> of the payment.
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
        var charged = await db.Ledger.Where(l => l.PaymentId == payment.Id && l.Account == LedgerAccounts.Platform).SumAsync(l => l.AmountMinor, ct)
            + db.Ledger.Local.Where(l => l.PaymentId == payment.Id && l.Account == LedgerAccounts.Platform && db.Entry(l).State == EntityState.Added).Sum(l => l.AmountMinor);
        var delta = Commission.Due(captured, refunded, basisPoints) - charged;
        if (delta == 0) return;
        Add(payment, refundId, LedgerAccounts.Operator, LedgerKinds.Commission, -delta, now);
        Add(payment, refundId, LedgerAccounts.Platform, LedgerKinds.Commission, delta, now);
    }

    private void Add(Payment payment, Guid? refundId, string account, string kind, long amount, DateTime now) =>
        db.Ledger.Add(new LedgerEntry
        {
            Id = Guid.CreateVersion7(),
            OperatorId = payment.OperatorId,
            BookingId = payment.BookingId,
            PaymentId = payment.Id,
            RefundId = refundId,
            Account = account,
            Kind = kind,
            AmountMinor = amount,
            Currency = payment.Currency,
            OccurredAt = now,
        });
}
