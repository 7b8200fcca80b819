using KamHub.Partners.Contracts;
using KamHub.Partners.Data;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Partners.Directory;

/// <summary>The read-only facade other modules use to ask about assignments.</summary>
internal sealed class AssignmentDirectory(PartnersDbContext db) : IAssignmentDirectory
{
    public Task<bool> IsAssignedAsync(Guid userId, Guid departureId, string role, CancellationToken ct) =>
        db.Assignments.AnyAsync(a => a.UserId == userId && a.DepartureId == departureId && a.Role == role && a.Status == AssignmentStatus.Active, ct);
}
