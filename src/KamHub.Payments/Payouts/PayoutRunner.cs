using KamHub.Core.Data;
using KamHub.Core.Events;
using KamHub.Payments.Contracts;
using KamHub.Partners.Contracts;
using KamHub.Payments.Data;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Payments.Payouts;

/// <summary>
/// One payout per operator and currency for its unpaid operator-account entries dated in [from, to). Per operator, one
/// transaction claims the entries with a conditional UPDATE (payout_id IS NULL → this payout) and pays exactly what
/// it claimed, so a second run, concurrent or later, finds nothing left to claim and pays nothing twice. A period whose
/// unpaid entries sum to zero or less (refunds after an earlier payout) pays nothing and leaves them for a later run.
/// An operator not approved (or with new payout details waiting for review, ADR 0020) is skipped: its entries stay
/// unpaid for a run after the approval. Agents are paid the same way from their agent-account entries (ADR 0023), one
/// payout per agent and currency, with no operator standing to ask; and agencies, one payout per agency and currency.
/// </summary>
internal sealed class PayoutRunner(PaymentsDbContext db, IEventPublisher events, TimeProvider clock, IServiceProvider services)
{
    public async Task<List<Payout>> RunAsync(DateTime from, DateTime to, CancellationToken ct)
    {
        var candidates = await Unpaid(from, to).Select(l => new { l.OperatorId, l.Currency }).Distinct().ToListAsync(ct);
        var payouts = new List<Payout>();
        var standing = (IOperatorStanding?)services.GetService(typeof(IOperatorStanding));
        foreach (var candidate in candidates.OrderBy(c => c.OperatorId).ThenBy(c => c.Currency, StringComparer.Ordinal))
        {
            if (standing is not null && !await standing.MayReceivePayoutsAsync(candidate.OperatorId, ct)) continue;
            if (await PayAsync(Payee.Operator(candidate.OperatorId), candidate.Currency, from, to, ct) is { } payout) payouts.Add(payout);
        }

        var agents = await Unpaid(from, to, LedgerAccounts.Agent).Where(l => l.AgencyId == null).Select(l => new { AgentId = l.AgentId!.Value, l.Currency })
            .Distinct().ToListAsync(ct);
        foreach (var agent in agents.OrderBy(a => a.AgentId).ThenBy(a => a.Currency, StringComparer.Ordinal))
        {
            if (await PayAsync(Payee.Agent(agent.AgentId), agent.Currency, from, to, ct) is { } payout) payouts.Add(payout);
        }

        var agencies = await Unpaid(from, to, LedgerAccounts.Agent).Where(l => l.AgencyId != null).Select(l => new { AgencyId = l.AgencyId!.Value, l.Currency })
            .Distinct().ToListAsync(ct);
        foreach (var agency in agencies.OrderBy(a => a.AgencyId).ThenBy(a => a.Currency, StringComparer.Ordinal))
        {
            if (await PayAsync(Payee.Agency(agency.AgencyId), agency.Currency, from, to, ct) is { } payout) payouts.Add(payout);
        }

        return payouts;
    }

    private IQueryable<LedgerEntry> Unpaid(DateTime from, DateTime to, string account = LedgerAccounts.Operator) =>
        db.Ledger.Where(l => l.Account == account && l.PayoutId == null && l.OccurredAt >= from && l.OccurredAt < to);

    /// <summary>
    /// Whom a payout pays: an operator (its operator-account entries), an agent (its agent-account entries of sales under its
    /// own grants) or an agency (the agent-account entries of its members' sales under its grants, whoever sold them).
    /// </summary>
    private sealed record Payee(Guid OperatorId, Guid? AgentId, Guid? AgencyId, string Account)
    {
        public static Payee Operator(Guid operatorId) => new(operatorId, null, null, LedgerAccounts.Operator);

        public static Payee Agent(Guid agentId) => new(Guid.Empty, agentId, null, LedgerAccounts.Agent);

        public static Payee Agency(Guid agencyId) => new(Guid.Empty, null, agencyId, LedgerAccounts.Agent);

        public IQueryable<LedgerEntry> Own(IQueryable<LedgerEntry> entries) =>
            AgencyId is { } agency ? entries.Where(l => l.AgencyId == agency)
            : AgentId is { } agent ? entries.Where(l => l.AgentId == agent && l.AgencyId == null)
            : entries.Where(l => l.OperatorId == OperatorId);
    }

    private Task<Payout?> PayAsync(Payee payee, string currency, DateTime from, DateTime to, CancellationToken ct) =>
        RetryingTransaction.RunAsync(db, async token =>
        {
            var payoutId = Guid.CreateVersion7();
            var claimed = await payee.Own(Unpaid(from, to, payee.Account)).Where(l => l.Currency == currency)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.PayoutId, payoutId), token);
            if (claimed == 0) return (false, (Payout?)null);
            var amount = await db.Ledger.Where(l => l.PayoutId == payoutId).SumAsync(l => l.AmountMinor, token);
            if (amount <= 0) return (false, null);

            var now = StoredTime.Now(clock);
            var payout = new Payout
            {
                Id = payoutId, OperatorId = payee.OperatorId, AgentId = payee.AgentId, AgencyId = payee.AgencyId, AmountMinor = amount, Currency = currency, Entries = claimed, PeriodFrom = from, PeriodTo = to, CreatedAt = now,
            };
            db.Payouts.Add(payout);
            db.Ledger.Add(Entry(payout, payee.Account, -amount, now));
            db.Ledger.Add(Entry(payout, LedgerAccounts.PaidOut, amount, now));
            events.Publish(db, payoutId.ToString(), new PayoutCompleted(payoutId, payee.OperatorId, amount, currency, StoredTime.Utc(from), StoredTime.Utc(to),
                StoredTime.Utc(now), payee.AgentId, payee.AgencyId));
            return (true, payout);
        }, ct);

    private static LedgerEntry Entry(Payout payout, string account, long amount, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        OperatorId = payout.OperatorId,
        AgentId = payout.AgentId,
        AgencyId = payout.AgencyId,
        Account = account,
        Kind = LedgerKinds.Payout,
        AmountMinor = amount,
        Currency = payout.Currency,
        OccurredAt = now,
        PayoutId = payout.Id,
    };
}
