using KamHub.Core.Security;
using KamHub.Core.Seeding;
using KamHub.Discovery.Contracts;
using KamHub.Identity.Data;
using KamHub.Identity.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KamHub.Identity.Seeding;

/// <summary>
/// The admin and one demo user per role. Passwords come from configuration; a generated one is printed exactly
/// once, when the user is created, because only its hash is kept.
/// </summary>
internal sealed class IdentitySeeder(IServiceScopeFactory scopes, IConfiguration configuration, IOptions<SeedOptions> seed) : IDemoSeeder
{
    public const string DefaultAdminEmail = "admin@kamhub.local";

    private static readonly (string Role, string Email, Guid? OperatorId)[] DemoUsers =
    [
        (Roles.Operator, "operator@demo.kamhub.local", DemoOperators.Primary),
        (Roles.Agent, "agent@demo.kamhub.local", null),
        (Roles.Guide, "guide@demo.kamhub.local", null),
        (Roles.Tourist, "tourist@demo.kamhub.local", null),
        (Roles.Transfer, "transfer@demo.kamhub.local", null),
    ];

    public int Order => 20;

    public async Task SeedAsync(SeedContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserCreator>();

        var adminEmail = configuration["KamHub:Admin:Email"] is { Length: > 0 } e ? e : DefaultAdminEmail;
        await SeedAdminAsync(context, db, users, adminEmail, cancellationToken);
        await SeedDemoUsersAsync(context, db, users, cancellationToken);
    }

    private async Task SeedAdminAsync(SeedContext context, IdentityDbContext db, UserCreator users, string email, CancellationToken ct)
    {
        if (await ExistsAsync(db, email, ct))
        {
            context.Announce($"Sign in as {email} (password as configured or printed on first start)");
            return;
        }

        var configured = configuration["KamHub:Admin:Password"];
        var password = string.IsNullOrEmpty(configured) ? GeneratedPassword.New() : configured;
        var created = await users.CreateAsync(email, password, Roles.Admin, "Administrator", null, ct);
        if (created is null || !string.IsNullOrEmpty(configured))
            context.Announce($"Sign in as {email} (password as configured or printed on first start)");
        else
            context.Announce($"Sign in as {email} with password {password} (generated; shown only this once)");
    }

    private async Task SeedDemoUsersAsync(SeedContext context, IdentityDbContext db, UserCreator users, CancellationToken ct)
    {
        var configured = seed.Value.DemoPassword;
        var password = string.IsNullOrEmpty(configured) ? GeneratedPassword.New() : configured;
        var createdAny = false;
        foreach (var (role, email, operatorId) in DemoUsers)
        {
            if (await ExistsAsync(db, email, ct)) continue;
            createdAny |= await users.CreateAsync(email, password, role, $"Demo {role}", operatorId, ct) is not null;
        }

        if (createdAny && string.IsNullOrEmpty(configured))
            context.Announce($"Demo users (operator@, agent@, guide@, tourist@, transfer@demo.kamhub.local) password: {password} (generated; shown only this once)");
    }

    private static Task<bool> ExistsAsync(IdentityDbContext db, string email, CancellationToken ct)
    {
        var normalized = EmailAddress.Normalize(email);
        return db.Users.AnyAsync(u => u.NormalizedEmail == normalized, ct);
    }
}
