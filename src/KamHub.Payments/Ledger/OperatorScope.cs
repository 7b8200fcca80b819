using System.Security.Claims;
using KamHub.Core.Errors;
using KamHub.Core.Security;
using Microsoft.AspNetCore.Http;

namespace KamHub.Payments.Ledger;

/// <summary>Whose money an operator endpoint shows: an operator always its own organisation's; an admin the one named by ?operatorId=.</summary>
internal static class OperatorScope
{
    public static Guid? Resolve(ClaimsPrincipal user, string? operatorId)
    {
        if (user.IsAdmin()) return Guid.TryParse(operatorId, out var named) ? named : null;
        if (!user.IsInRole(Roles.Operator)) return null;
        var own = user.GetOperatorId();
        return string.IsNullOrEmpty(operatorId) || (Guid.TryParse(operatorId, out var asked) && asked == own) ? own : null;
    }

    public static IResult Problem(ClaimsPrincipal user, string? operatorId)
    {
        if (user.IsAdmin()) return Problems.Validation("operatorId", "is required for admins: the operator whose account to show.");
        if (user.GetOperatorId() is null) return Problems.Forbidden("Your account is not attached to an operator organisation.");
        return Guid.TryParse(operatorId, out _)
            ? Problems.Forbidden("Operators see only their own organisation's account.")
            : Problems.Validation("operatorId", "must be an operator id.");
    }
}
