using KamHub.Identity.Contracts;
using KamHub.Identity.Data;
using KamHub.Identity.Users;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Identity.Directory;

/// <summary>The read-only facade other modules use for users' contact details.</summary>
internal sealed class UserDirectory(IdentityDbContext db) : IUserDirectory
{
    public async Task<UserContact?> FindAsync(Guid userId, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new UserContact(u.Id, u.Email, u.DisplayName, u.Role, u.OperatorId)).FirstOrDefaultAsync(ct);

    public async Task<UserContact?> FindByEmailAsync(string email, CancellationToken ct)
    {
        var normalized = EmailAddress.Normalize(email);
        return await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized)
            .Select(u => new UserContact(u.Id, u.Email, u.DisplayName, u.Role, u.OperatorId)).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<UserContact>> OperatorUsersAsync(Guid operatorId, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.OperatorId == operatorId).OrderBy(u => u.Email)
            .Select(u => new UserContact(u.Id, u.Email, u.DisplayName, u.Role, u.OperatorId)).ToListAsync(ct);
}
