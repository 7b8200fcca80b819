using KamHub.Core.Events;
using KamHub.Identity.Contracts;
using KamHub.Identity.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Identity.Users;

/// <summary>
/// Creates accounts for sign-up, admins and the seeder alike, so all three hash and dedupe the same way, and all three
/// publish <c>user.registered</c> in the same transaction as the new user.
/// </summary>
internal sealed class UserCreator(IdentityDbContext db, IPasswordHasher<User> hasher, IEventPublisher events, TimeProvider clock)
{
    /// <summary>Null when the email is taken (also when another request won the race to the unique index).</summary>
    public async Task<User?> CreateAsync(string email, string password, string role, string? displayName, Guid? operatorId, CancellationToken ct)
    {
        var normalized = EmailAddress.Normalize(email);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, ct)) return null;

        var user = new User
        {
            Id = Guid.CreateVersion7(),
            Email = email.Trim(),
            NormalizedEmail = normalized,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim(),
            PasswordHash = "",
            Role = role,
            OperatorId = operatorId,
            CreatedAt = clock.GetUtcNow(),
        };
        user.PasswordHash = hasher.HashPassword(user, password);
        db.Users.Add(user);
        events.Publish(db, user.Id.ToString(), new UserRegistered(user.Id, user.Email, user.Role, user.CreatedAt));
        try
        {
            await db.SaveChangesAsync(ct);
            return user;
        }
        catch (DbUpdateException)
        {
            db.Entry(user).State = EntityState.Detached;
            db.DiscardUnsavedEvents();
            if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, ct)) return null;
            throw;
        }
    }
}
