using KamHub.Core.Errors;
using KamHub.Identity.Data;
using KamHub.Identity.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Identity.AdminUsers;

/// <summary>Admins list accounts (support: "which role has this e-mail?"), keyset-paged on the id, optionally by e-mail prefix and role.</summary>
internal static class ListUsersEndpoint
{
    public const int MaxLimit = 200;

    public static RouteGroupBuilder MapListUsers(this RouteGroupBuilder group)
    {
        group.MapGet("/", HandleAsync).WithSummary("Accounts, optionally by e-mail prefix and role.").Produces<UserPage>();
        return group;
    }

    private static async Task<IResult> HandleAsync(string? email, string? role, string? cursor, int? limit, IdentityDbContext db, CancellationToken ct)
    {
        var errors = new ValidationErrors().Optional(email, "email", User.EmailMaxLength).Storable(email, "email");
        var normalizedRole = role is null ? null : KamHub.Core.Security.Roles.Normalize(role);
        errors.When(role is not null && normalizedRole is null, "role", $"must be one of {string.Join(", ", KamHub.Core.Security.Roles.All)}.");
        var after = errors.IdCursor(cursor);
        var take = errors.Limit(limit, 50, MaxLimit);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(email))
        {
            var prefix = email.Trim().ToUpperInvariant();
            users = users.Where(u => u.NormalizedEmail.StartsWith(prefix));
        }

        if (normalizedRole is not null) users = users.Where(u => u.Role == normalizedRole);
        if (after is { } last) users = users.Where(u => u.Id.CompareTo(last) > 0);
        var rows = await users.OrderBy(u => u.Id).Take(take + 1).ToListAsync(ct);
        var items = rows.Take(take).Select(UserResponse.From).ToList();
        return TypedResults.Ok(new UserPage(items, rows.Count > take ? items[^1].Id.ToString() : null));
    }
}

/// <summary><paramref name="NextCursor"/> is null on the last page.</summary>
internal sealed record UserPage(IReadOnlyList<UserResponse> Items, string? NextCursor);
