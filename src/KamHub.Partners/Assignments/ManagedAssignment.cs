using System.Security.Claims;
using KamHub.Core.Errors;
using KamHub.Partners.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Partners.Assignments;

/// <summary>Loads an active assignment for a change: 404 when missing (or already removed), 403 when the caller does not manage its departure.</summary>
internal static class ManagedAssignment
{
    public static async Task<(Assignment? Assignment, IResult? Refusal)> LoadAsync(PartnersDbContext db, Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var assignment = await db.Assignments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.Status == AssignmentStatus.Active, ct);
        if (assignment is null) return (null, Problems.NotFound($"There is no active assignment {id}."));
        if (!AssignmentAccess.CanManage(user, assignment.OperatorId))
            return (null, Problems.Forbidden("Only the tour's operator or an admin changes its departures' assignments."));
        return (assignment, null);
    }
}
