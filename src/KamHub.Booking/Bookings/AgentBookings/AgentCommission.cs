using KamHub.Booking.Data;

namespace KamHub.Booking.Bookings.AgentBookings;

/// <summary>
/// What an agent earns on a booking, by the rule Payments' ledger applies (ADR 0023): its basis points of what the
/// customer finally paid (paid − refunded), rounded down. Nothing until it is paid: a hold or an expired hold earns nothing.
/// Agent sales never spend points, so the price is what was paid.
/// </summary>
internal static class AgentCommission
{
    public static bool Paid(TourBooking b) =>
        b.Status is BookingStatus.Confirmed or BookingStatus.Completed or BookingStatus.NoShow || (b.Status == BookingStatus.Cancelled && b.PaymentId != null);

    public static long Of(TourBooking b) =>
        Paid(b) ? Math.Max(0, b.AmountMinor + b.DiscountMinor - b.RefundMinor) * (b.AgentCommissionBasisPoints ?? 0) / 10_000 : 0;
}
