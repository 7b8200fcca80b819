namespace KamHub.Core.Events;

/// <summary>
/// One published event in the publishing module's database: written in the same transaction as the change it
/// describes, kept afterwards as the event history (until retention removes it).
/// </summary>
internal sealed class OutboxEvent
{
    public const int TypeMaxLength = 100;
    public const int AggregateIdMaxLength = 100;
    public const int CorrelationIdMaxLength = 128;

    /// <summary>Order of publication within this module's database (identity / autoincrement).</summary>
    public long Position { get; set; }

    public Guid Id { get; set; }

    public string Type { get; set; } = "";

    public int Version { get; set; }

    public string AggregateId { get; set; } = "";

    /// <summary>UTC.</summary>
    public DateTime OccurredAt { get; set; }

    public string CorrelationId { get; set; } = "";

    public Guid? CausationId { get; set; }

    public string Payload { get; set; } = "";
}
