namespace KamHub.Payments.Data;

/// <summary>Money going back to the customer, all or part of a payment. Its id is the provider's idempotency key.</summary>
internal sealed class Refund
{
    public const int KeyMaxLength = 200;
    public const int ReasonMaxLength = 64;

    /// <summary>The reason of a refund KamHub never asked for: made at the provider's side and learnt from its webhook.</summary>
    public const string ProviderSide = Contracts.PaymentRefunded.ProviderSide;

    public Guid Id { get; set; }
    public Guid PaymentId { get; set; }
    public Guid BookingId { get; set; }
    public long AmountMinor { get; set; }
    public string Currency { get; set; } = "";
    public string Status { get; set; } = RefundStatus.Requested;

    /// <summary>cancellation (booking.cancelled), manual (an admin) or provider (started at the provider's side).</summary>
    public string Reason { get; set; } = "";

    /// <summary>What makes the request unique (a cancellation: one refund per booking and payment); unique when set.</summary>
    public string? IdempotencyKey { get; set; }

    public string? ProviderRefundId { get; set; }
    public Guid? RequestedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
}
