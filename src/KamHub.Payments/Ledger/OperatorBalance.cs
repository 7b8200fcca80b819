using KamHub.Payments.Data;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Payments.Ledger;

/// <summary>
/// An operator's account in one currency, straight from its ledger entries:
/// balance = gross + platform-funded discounts − commission − refunds − paid out; <paramref name="UnpaidMinor"/> is what the
/// next payout would cover. <paramref name="PlatformDiscountMinor"/> is the part of prices customers paid with loyalty
/// points, which the platform pays the operator (ADR 0019). <paramref name="AgentCommissionMinor"/> is what it pays the agents who
/// sold its tours (ADR 0023), also taken from the balance.
/// </summary>
internal sealed record OperatorBalance(string Currency, long GrossMinor, long CommissionMinor, long RefundedMinor, long PaidOutMinor, long BalanceMinor,
    long UnpaidMinor, long PlatformDiscountMinor, long AgentCommissionMinor)
{
    public static async Task<List<OperatorBalance>> ReadAsync(PaymentsDbContext db, Guid operatorId, CancellationToken ct)
    {
        var sums = await db.Ledger.AsNoTracking()
            .Where(l => l.OperatorId == operatorId && l.Account == LedgerAccounts.Operator)
            .GroupBy(l => new { l.Currency, l.Kind, Paid = l.PayoutId != null })
            .Select(g => new { g.Key.Currency, g.Key.Kind, g.Key.Paid, Amount = g.Sum(l => l.AmountMinor) })
            .ToListAsync(ct);
        return sums.GroupBy(s => s.Currency).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            long Of(string kind) => g.Where(s => s.Kind == kind).Sum(s => s.Amount);
            var balance = g.Sum(s => s.Amount);
            var unpaid = g.Where(s => !s.Paid).Sum(s => s.Amount);
            return new OperatorBalance(g.Key, Of(LedgerKinds.Capture), -Of(LedgerKinds.Commission), -Of(LedgerKinds.Refund), -Of(LedgerKinds.Payout), balance, unpaid,
                Of(LedgerKinds.Discount), -Of(LedgerKinds.AgentCommission));
        }).ToList();
    }
}
