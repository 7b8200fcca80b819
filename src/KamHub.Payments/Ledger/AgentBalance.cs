using KamHub.Payments.Data;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Payments.Ledger;

/// <summary>
/// An agent's account in one currency, from its ledger entries (ADR 0023): commission earned (net of what refunds took
/// back), paid out, the balance and what the next payout would cover.
/// </summary>
internal sealed record AgentBalance(string Currency, long CommissionMinor, long PaidOutMinor, long BalanceMinor, long UnpaidMinor)
{
    public static async Task<List<AgentBalance>> ReadAsync(PaymentsDbContext db, Guid agentId, CancellationToken ct)
    {
        var sums = await db.Ledger.AsNoTracking()
            .Where(l => l.AgentId == agentId && l.Account == LedgerAccounts.Agent)
            .GroupBy(l => new { l.Currency, l.Kind, Paid = l.PayoutId != null })
            .Select(g => new { g.Key.Currency, g.Key.Kind, g.Key.Paid, Amount = g.Sum(l => l.AmountMinor) })
            .ToListAsync(ct);
        return sums.GroupBy(s => s.Currency).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new AgentBalance(g.Key,
            g.Where(s => s.Kind == LedgerKinds.AgentCommission).Sum(s => s.Amount), -g.Where(s => s.Kind == LedgerKinds.Payout).Sum(s => s.Amount),
            g.Sum(s => s.Amount), g.Where(s => !s.Paid).Sum(s => s.Amount))).ToList();
    }
}

/// <summary>An agent's balance, one entry per currency it has money in.</summary>
internal sealed record AgentBalances(Guid AgentId, IReadOnlyList<AgentBalance> Currencies);
