namespace KamHub.Payments.Data;

/// <summary>An operator's (or an agent's or an agency's, ADR 0023) share for a period, in one currency, sent in one transfer.</summary>
internal sealed class Payout
{
    public Guid Id { get; set; }

    /// <summary><see cref="Guid.Empty"/> for an agent's payout (<see cref="AgentId"/>) or an agency's (<see cref="AgencyId"/>).</summary>
    public Guid OperatorId { get; set; }

    public Guid? AgentId { get; set; }

    public Guid? AgencyId { get; set; }
    public long AmountMinor { get; set; }
    public string Currency { get; set; } = "";
    public int Entries { get; set; }
    public DateTime PeriodFrom { get; set; }
    public DateTime PeriodTo { get; set; }
    public DateTime CreatedAt { get; set; }
}
