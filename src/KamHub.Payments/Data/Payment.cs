namespace KamHub.Payments.Data;

/// <summary>
/// The money side of one booking (one payment per booking, unique). Totals are integer minor units:
/// <see cref="RefundingMinor"/> reserves refunds as they are requested (so concurrent requests can never exceed
/// <see cref="CapturedMinor"/>); <see cref="RefundedMinor"/> counts those the provider completed.
/// </summary>
internal sealed class Payment
{
    public const int ProviderMaxLength = 32;

    public Guid Id { get; set; }
    public Guid BookingId { get; set; }
    public string BookingReference { get; set; } = "";
    public Guid OperatorId { get; set; }
    public Guid CustomerId { get; set; }
    public string CustomerEmail { get; set; } = "";
    /// <summary>What the customer is charged (the price less <see cref="DiscountMinor"/>).</summary>
    public long AmountMinor { get; set; }

    /// <summary>The part of the booking's price paid with loyalty points, funded by the platform (ADR 0019); 0 when none.</summary>
    public long DiscountMinor { get; set; }
    public string Currency { get; set; } = "";
    public string Provider { get; set; } = "";
    public string? ProviderPaymentId { get; set; }
    public string? RedirectUrl { get; set; }
    public string? ConfirmationToken { get; set; }
    public string Status { get; set; } = PaymentStatus.Pending;
    public string? FailureCode { get; set; }
    public long CapturedMinor { get; set; }
    public long RefundingMinor { get; set; }
    public long RefundedMinor { get; set; }

    /// <summary>The agent who sold the booking (ADR 0023), null when none: the operator pays it <see cref="AgentCommissionBasisPoints"/>.</summary>
    public Guid? AgentId { get; set; }

    /// <summary>The agent's commission in basis points of the price, fixed by its grant when the booking was sold.</summary>
    public int? AgentCommissionBasisPoints { get; set; }

    /// <summary>The agency the agent sold for (its grant): the agency's account is paid the commission, not the agent's.</summary>
    public Guid? AgencyId { get; set; }

    /// <summary>Commission in basis points fixed at capture, so a later configuration change never reprices old money.</summary>
    public int? CommissionBasisPoints { get; set; }

    public DateTime PayBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? SucceededAt { get; set; }
}
