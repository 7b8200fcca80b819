namespace KamHub.Booking.Data;

/// <summary>A customer's booking of seats on a departure. Named so it does not clash with the module's namespace.</summary>
internal sealed class TourBooking
{
    public const int ReferenceLength = 16;
    public const int IdempotencyKeyMaxLength = 100;

    public Guid Id { get; set; }

    /// <summary>Human-friendly and unique, e.g. KH-7QF3-M9XA.</summary>
    public string Reference { get; set; } = "";

    public Guid DepartureId { get; set; }

    public Guid TourId { get; set; }

    public Guid OperatorId { get; set; }

    public Guid CustomerId { get; set; }

    public int Adults { get; set; }

    public int Children { get; set; }

    public int Seats { get; set; }

    /// <summary>What the customer pays: the price less <see cref="DiscountMinor"/>.</summary>
    public long AmountMinor { get; set; }

    /// <summary>Loyalty points spent on the booking (reserved in Engagement while it was held), 0 when none.</summary>
    public long PointsSpent { get; set; }

    /// <summary>The part of the price those points paid, funded by the platform (the operator is credited the whole price).</summary>
    public long DiscountMinor { get; set; }

    public string Currency { get; set; } = "";

    public string Status { get; set; } = BookingStatus.Held;

    public DateTime HoldExpiresAt { get; set; }

    /// <summary>JSON array of participants ({ "name" }).</summary>
    public string Participants { get; set; } = "[]";

    public string ContactEmail { get; set; } = "";

    public string? ContactPhone { get; set; }

    /// <summary>The departure's policy as it was when the booking was made (JSON).</summary>
    public string CancellationPolicy { get; set; } = "";

    public string IdempotencyKey { get; set; } = "";

    /// <summary>SHA-256 of the canonical request: the same key with another body is refused.</summary>
    public string RequestHash { get; set; } = "";

    public Guid? PaymentId { get; set; }

    public long RefundMinor { get; set; }

    public int? RefundPercent { get; set; }

    public string? CancelledBy { get; set; }

    public string? CancellationReason { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ConfirmedAt { get; set; }

    public DateTime? ExpiredAt { get; set; }

    public DateTime? CancelledAt { get; set; }

    /// <summary>When the trip completer marked it completed (its departure's end had passed).</summary>
    public DateTime? CompletedAt { get; set; }

    /// <summary>present or no-show once marked at the departure (ADR 0020); null before.</summary>
    public string? Attendance { get; set; }

    public DateTime? AttendanceMarkedAt { get; set; }

    /// <summary>The operator user or guide who marked it last.</summary>
    public Guid? AttendanceMarkedBy { get; set; }

    /// <summary>The agent who sold it for a client (ADR 0023); null for a booking the customer made.</summary>
    public Guid? AgentId { get; set; }

    /// <summary>The agent's commission in basis points of the price, fixed from the operator's grant when it was sold.</summary>
    public int? AgentCommissionBasisPoints { get; set; }

    /// <summary>The agency whose grant the agent sold it under, which is paid the commission; null for an agent's own grant.</summary>
    public Guid? AgencyId { get; set; }
}
