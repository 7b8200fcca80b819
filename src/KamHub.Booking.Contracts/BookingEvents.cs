namespace KamHub.Booking.Contracts;

// Integration events of a booking's life. Aggregate: the booking. Money is integer minor units plus ISO currency.

/// <summary><c>booking.created</c>: seats are held for a customer until <paramref name="HoldExpiresAt"/>, awaiting payment.</summary>
/// <param name="AgentId">Added in v1 without a bump (older events lack it: null): the agent who sold it for a client (ADR 0023).</param>
public sealed record BookingCreated(
    Guid BookingId,
    Guid DepartureId,
    Guid TourId,
    Guid CustomerId,
    int Seats,
    long TotalMinor,
    string Currency,
    DateTimeOffset HoldExpiresAt,
    DateTimeOffset OccurredAt,
    Guid? AgentId = null)
{
    public const string EventName = "booking.created";
    public const int EventVersion = 1;
}

/// <summary><c>booking.confirmed</c>: payment succeeded; the seats are the customer's.</summary>
/// <param name="AgentId">Added in v1 without a bump (older events lack it: null): the agent who sold it (ADR 0023).</param>
/// <param name="AgentCommissionBasisPoints">Added with <paramref name="AgentId"/>: the agent's commission, basis points of the price.</param>
/// <param name="AgencyId">Added in v1 without a bump (older events lack it: null): the agency the agent sold it for, paid the commission.</param>
/// <param name="PointsRetaken">Added in v1 without a bump (older events lack it: 0): a payment that arrived after its hold
/// expired confirmed the booking, and the loyalty points the hold spent, given back on booking.expired, are spent again
/// (the discount stands). Engagement takes them back, into a debt when the balance no longer has them (ADR 0019).</param>
public sealed record BookingConfirmed(
    Guid BookingId,
    Guid DepartureId,
    Guid TourId,
    Guid CustomerId,
    int Seats,
    long TotalMinor,
    string Currency,
    DateTimeOffset OccurredAt,
    Guid? AgentId = null,
    int AgentCommissionBasisPoints = 0,
    long PointsRetaken = 0,
    Guid? AgencyId = null)
{
    public const string EventName = "booking.confirmed";
    public const int EventVersion = 1;
}

/// <summary>
/// <c>booking.cancelled</c>: the customer, operator, an admin or the system cancelled; seats return to the departure.
/// When <paramref name="RefundMinor"/> is above zero the Payments module refunds that much of <paramref name="PaymentId"/>.
/// </summary>
/// <param name="CancelledBy">customer, operator, admin or system.</param>
/// <param name="Reason">Free text from a person, or a code from the system: payment-failed, payment-after-expiry, payment-after-cancellation, departure-cancelled.</param>
/// <param name="Seats">Seats returned to the departure (0 when none were held any more, e.g. a payment after expiry).</param>
/// <param name="RefundMinor">Added in v1 before any consumer existed: what to refund, integer minor units of <paramref name="Currency"/>.</param>
/// <param name="RefundPercent">The cancellation policy tier (or 100 for operator, admin and system cancellations of paid bookings).</param>
/// <param name="PointsReturned">Added in v1 without a bump (older events lack it: 0): loyalty points the booking spent that go
/// back to the tourist (all of them for an unpaid hold, the refund's share of them for a paid booking). Engagement gives them back.</param>
/// <param name="PointsRetaken">Added in v1 without a bump (older events lack it: 0): the booking was confirmed by a payment
/// after its hold expired, and booking.confirmed said so (its <c>pointsRetaken</c>); repeated here because the two events
/// may reach Engagement's subscribers in either order, and the points returned come out of that second spending.</param>
public sealed record BookingCancelled(
    Guid BookingId,
    Guid DepartureId,
    int Seats,
    string CancelledBy,
    string? Reason,
    DateTimeOffset OccurredAt,
    long RefundMinor = 0,
    string? Currency = null,
    int RefundPercent = 0,
    Guid? PaymentId = null,
    long PointsReturned = 0,
    long PointsRetaken = 0)
{
    public const string EventName = "booking.cancelled";
    public const int EventVersion = 1;
}

/// <summary><c>booking.expired</c>: the hold ran out before payment; seats return to the departure.</summary>
public sealed record BookingExpired(Guid BookingId, Guid DepartureId, int Seats, DateTimeOffset OccurredAt)
{
    public const string EventName = "booking.expired";
    public const int EventVersion = 1;
}

/// <summary>
/// <c>booking.completed</c>: the departure's end (start + the tour's duration) passed while the booking was confirmed;
/// the trip took place. A cancelled booking or one of a cancelled departure never completes. Engagement opens reviews
/// and earns loyalty points on it.
/// </summary>
/// <param name="PaidMinor">What the customer paid for it, integer minor units of <paramref name="Currency"/>.</param>
/// <param name="EndedAt">The departure's end (UTC).</param>
public sealed record BookingCompleted(
    Guid BookingId,
    Guid DepartureId,
    Guid TourId,
    Guid OperatorId,
    Guid CustomerId,
    int Seats,
    long PaidMinor,
    string Currency,
    DateTimeOffset EndedAt,
    DateTimeOffset OccurredAt)
{
    public const string EventName = "booking.completed";
    public const int EventVersion = 1;
}
