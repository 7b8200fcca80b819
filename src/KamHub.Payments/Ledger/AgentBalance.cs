using KamHub.Payments.Data;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Payments.Ledger;

/// <summary>
/// An agent's (or an agency's) account in one currency, from its ledger entries (ADR 0023): commission earned (net of what
/// refunds took back), paid out, the balance and what the next payout would cover.
/// </summary>
internal sealed record AgentBalance(string Currency, long CommissionMinor, long PaidOutMinor, long BalanceMinor, long UnpaidMinor)
{
    /// <summary>The agent's own account: its sales under grants to itself (its sales for an agency are the agency's).</summary>
    public static Task<List<AgentBalance>> OfAgentAsync(PaymentsDbContext db, Guid agentId, CancellationToken ct) =>
        ReadAsync(db.Ledger.AsNoTracking().Where(l => l.AgentId == agentId && l.AgencyId == null), ct);

    /// <summary>The agency's account: every member's sales under its grants, whoever sold them and whether still a member.</summary>
    public static Task<List<AgentBalance>> OfAgencyAsync(PaymentsDbContext db, Guid agencyId, CancellationToken ct) =>
        ReadAsync(db.Ledger.AsNoTracking().Where(l => l.AgencyId == agencyId), ct);

    private static async Task<List<AgentBalance>> ReadAsync(IQueryable<LedgerEntry> entries, CancellationToken ct)
    {
        var sums = await entries.Where(l => l.Account == LedgerAccounts.Agent)
            .GroupBy(l => new { l.Currency, l.Kind, Paid = l.PayoutId != null })
            .Select(g => new { g.Key.Currency, g.Key.Kind, g.Key.Paid, Amount = g.Sum(l => l.AmountMinor) })
            .ToListAsync(ct);
        return sums.GroupBy(s => s.Currency).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new AgentBalance(g.Key,
            g.Where(s => s.Kind == LedgerKinds.AgentCommission).Sum(s => s.Amount), -g.Where(s => s.Kind == LedgerKinds.Payout).Sum(s => s.Amount),
            g.Sum(s => s.Amount), g.Where(s => !s.Paid).Sum(s => s.Amount))).ToList();
    }
}

/// <summary>An agent's balance, one entry per currency it has money in, and its agency's when it is a member of one.</summary>
/// <param name="Agency">The caller's agency's account (every member sees it), null outside an agency.</param>
internal sealed record AgentBalances(Guid AgentId, IReadOnlyList<AgentBalance> Currencies, AgencyBalances? Agency = null);

internal sealed record AgencyBalances(Guid AgencyId, string Name, IReadOnlyList<AgentBalance> Currencies);
