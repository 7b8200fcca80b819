using System.Security.Claims;
using KamHub.Core.Errors;
using KamHub.Core.Security;
using KamHub.Partners.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Partners.Agents;

/// <summary>Grants are an operator organisation's own business: its operator users make and see them (admins act for none).</summary>
internal static class GrantAccess
{
    /// <summary>The caller's organisation, or the problem to answer.</summary>
    public static (Guid? OperatorId, ProblemHttpResult? Problem) Organisation(ClaimsPrincipal user)
    {
        if (!user.IsInRole(Roles.Operator)) return (null, Problems.Forbidden("Agents are granted by an operator user, for its own organisation."));
        return user.GetOperatorId() is { } id ? (id, null) : (null, Problems.Forbidden("Your account is not attached to an operator organisation."));
    }

    /// <summary>The organisation's legal name from its onboarding application (null before it applied), for the agent's notification.</summary>
    public static Task<string?> OrganisationNameAsync(PartnersDbContext db, Guid operatorId, CancellationToken ct) =>
        db.OperatorApplications.AsNoTracking().Where(a => a.OperatorId == operatorId).Select(a => (string?)a.LegalName).FirstOrDefaultAsync(ct);
}
