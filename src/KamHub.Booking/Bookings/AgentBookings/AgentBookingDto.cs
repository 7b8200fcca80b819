using KamHub.Booking.Data;
using KamHub.Core.Time;
using KamHub.Payments.Contracts;

namespace KamHub.Booking.Bookings.AgentBookings;

/// <param name="CustomerId">The client's tourist account, or the agent itself when the client has none.</param>
/// <param name="PriceMinor">What the client pays, integer minor units of <paramref name="Currency"/>.</param>
/// <param name="PaidMinor">What the client paid less what was refunded (0 until paid).</param>
/// <param name="CommissionMinor">The commission as the ledger has it: its share of <paramref name="PaidMinor"/> (the agency's when <paramref name="AgencyId"/> is set).</param>
/// <param name="AgentId">The agent who sold it.</param>
/// <param name="AgencyId">The agency it was sold for, under the agency's grant; null when under the agent's own.</param>
internal sealed record AgentBookingDto(Guid Id, string Reference, string Status, Guid TourId, Guid DepartureId, Guid CustomerId, int Seats, long PriceMinor,
    long PaidMinor, string Currency, decimal CommissionPercent, long CommissionMinor, DateTimeOffset CreatedAt, DateTimeOffset? ConfirmedAt, Guid AgentId,
    Guid? AgencyId)
{
    public static AgentBookingDto From(TourBooking b, AgentSaleMoney? money, DateTime now) => new(b.Id, b.Reference,
        BookingStatus.Effective(b.Status, b.HoldExpiresAt, now), b.TourId, b.DepartureId, b.CustomerId, b.Seats, b.AmountMinor,
        money is null ? 0 : money.CapturedMinor - money.RefundedMinor, b.Currency, (b.AgentCommissionBasisPoints ?? 0) / 100m, money?.AgentCommissionMinor ?? 0,
        StoredTime.Utc(b.CreatedAt), b.ConfirmedAt is { } c ? StoredTime.Utc(c) : null, b.AgentId ?? Guid.Empty, b.AgencyId);
}

/// <summary>One month (UTC, by confirmation) of an agent's paid sales in one currency.</summary>
/// <param name="Month">yyyy-MM.</param>
/// <param name="SalesMinor">Paid less refunded.</param>
internal sealed record AgentMonth(string Month, string Currency, int Bookings, long SalesMinor, long CommissionMinor);

/// <summary>A page of the agent's sales, newest first, and every month's totals (all its sales, not only this page's).</summary>
internal sealed record AgentBookingPage(IReadOnlyList<AgentBookingDto> Items, string? NextCursor, IReadOnlyList<AgentMonth> Months);

/// <summary>A page of what an agency's members sold for it (its grants), newest first, and the agency's months (all of it).</summary>
internal sealed record AgencySalesPage(Guid AgencyId, string AgencyName, IReadOnlyList<AgentBookingDto> Items, string? NextCursor, IReadOnlyList<AgentMonth> Months);
