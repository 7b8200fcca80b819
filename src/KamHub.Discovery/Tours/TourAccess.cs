using System.Security.Claims;
using KamHub.Core.Security;
using KamHub.Discovery.Data;

namespace KamHub.Discovery.Tours;

/// <summary>Who may change or see a draft of a tour: an admin, or an operator user of the tour's own organisation.</summary>
internal static class TourAccess
{
    public static bool CanManage(ClaimsPrincipal user, Guid operatorId) =>
        user.IsAdmin() || (user.IsInRole(Roles.Operator) && user.GetOperatorId() == operatorId);

    public static bool CanSee(ClaimsPrincipal user, TourStatus status, Guid operatorId) =>
        status == TourStatus.Published || (user.Identity?.IsAuthenticated == true && CanManage(user, operatorId));
}
