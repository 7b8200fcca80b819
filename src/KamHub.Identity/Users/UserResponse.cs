using KamHub.Identity.Data;

namespace KamHub.Identity.Users;

/// <summary>A user as the API shows it; never the password hash.</summary>
internal sealed record UserResponse(Guid Id, string Email, string? DisplayName, IReadOnlyList<string> Roles, Guid? OperatorId)
{
    public static UserResponse From(User user) => new(user.Id, user.Email, user.DisplayName, [user.Role], user.OperatorId);
}
