using KamHub.Identity.Data;
using KamHub.Identity.Seeding;
using KamHub.Identity.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Identity.ResetPassword;

/// <summary>
/// The way back from a lost (generated) password, for an operator with shell access: sets a new password and signs
/// the account out everywhere, since whoever held the old one may hold its refresh tokens too.
/// </summary>
internal sealed class PasswordReset(IdentityDbContext db, IPasswordHasher<User> hasher, TimeProvider clock)
{
    public async Task<PasswordResetResult> ResetAsync(string email, string? password, CancellationToken ct)
    {
        if (PasswordRules.Check(password ?? GeneratedPassword.New()) is { } problem)
            return new PasswordResetResult.Invalid($"The password {problem}");

        var normalized = EmailAddress.Normalize(email);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
        if (user is null) return new PasswordResetResult.NoSuchUser();

        var generated = password is null;
        var newPassword = password ?? GeneratedPassword.New();
        user.PasswordHash = hasher.HashPassword(user, newPassword);
        var now = clock.GetUtcNow();
        await db.RefreshTokens.Where(t => t.UserId == user.Id && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
        await db.SaveChangesAsync(ct);
        return new PasswordResetResult.Done(user.Email, generated ? newPassword : null);
    }
}

/// <summary>What a reset did: the generated password is returned once (null when the caller chose it).</summary>
internal abstract record PasswordResetResult
{
    private PasswordResetResult()
    {
    }

    public sealed record Done(string Email, string? GeneratedPassword) : PasswordResetResult;

    public sealed record NoSuchUser : PasswordResetResult;

    public sealed record Invalid(string Problem) : PasswordResetResult;
}
