namespace KamHub.Payments.Data;

/// <summary>
/// One signed movement in integer minor units on one account (see <see cref="LedgerAccounts"/>). Entries are only
/// inserted, never changed, except that an operator entry is stamped with the payout that paid it.
/// </summary>
internal sealed class LedgerEntry
{
    public Guid Id { get; set; }
    /// <summary>The operator whose booking it is; <see cref="Guid.Empty"/> on an agent's payout entries, which cover many operators.</summary>
    public Guid OperatorId { get; set; }

    /// <summary>Null for payouts, which cover many bookings.</summary>
    public Guid? BookingId { get; set; }

    public Guid? PaymentId { get; set; }

    /// <summary>The agent of agent-commission entries and of an agent's payout (ADR 0023); null otherwise.</summary>
    public Guid? AgentId { get; set; }

    /// <summary>
    /// The agency whose account an agent-commission entry is on (the agent sold under the agency's grant), and of an
    /// agency's payout; such entries are the agency's, not the agent's. Null otherwise.
    /// </summary>
    public Guid? AgencyId { get; set; }
    public Guid? RefundId { get; set; }
    public string Account { get; set; } = "";
    public string Kind { get; set; } = "";
    public long AmountMinor { get; set; }
    public string Currency { get; set; } = "";
    public DateTime OccurredAt { get; set; }

    /// <summary>Set on operator entries once a payout has paid them (and on the payout's own entries).</summary>
    public Guid? PayoutId { get; set; }
}
