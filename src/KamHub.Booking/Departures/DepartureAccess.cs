using System.Security.Claims;
using KamHub.Core.Security;

namespace KamHub.Booking.Departures;

/// <summary>Who may schedule, change or cancel a tour's departures and see its bookings: an admin, or the tour's own operator.</summary>
internal static class DepartureAccess
{
    public static bool CanManage(ClaimsPrincipal user, Guid operatorId) =>
        user.IsAdmin() || (user.IsInRole(Roles.Operator) && user.GetOperatorId() == operatorId);
}
