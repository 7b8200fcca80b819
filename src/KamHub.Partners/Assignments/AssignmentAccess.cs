using System.Security.Claims;
using KamHub.Core.Security;

namespace KamHub.Partners.Assignments;

/// <summary>Who may assign staff to a departure and change or remove its assignments: an admin, or the tour's own operator (as in Booking).</summary>
internal static class AssignmentAccess
{
    public static bool CanManage(ClaimsPrincipal user, Guid operatorId) =>
        user.IsAdmin() || (user.IsInRole(Roles.Operator) && user.GetOperatorId() == operatorId);

    /// <summary>The account role an assignee must have for an assignment role.</summary>
    public static string AccountRoleFor(string assignmentRole) =>
        assignmentRole == KamHub.Partners.Contracts.AssignmentRoles.Guide ? Roles.Guide : Roles.Transfer;
}
