using System.Security.Claims;
using KamHub.Booking.Data;
using KamHub.Booking.Departures;

namespace KamHub.Booking.Bookings;

/// <summary>
/// Who sees a booking: its customer, the agent who sold it (who may cancel it like its customer, ADR 0023), the tour's
/// operator and admins. Anyone else is told it does not exist.
/// </summary>
internal static class BookingAccess
{
    public static bool CanSee(ClaimsPrincipal user, TourBooking booking) =>
        DepartureAccess.CanManage(user, booking.OperatorId) || IsBooker(user, booking);

    public static bool IsBooker(ClaimsPrincipal user, TourBooking booking) =>
        Core.Security.KamHubClaims.GetUserId(user) is { } id && (id == booking.CustomerId || id == booking.AgentId);
}
