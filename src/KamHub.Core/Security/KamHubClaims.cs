using System.Security.Claims;

namespace KamHub.Core.Security;

/// <summary>Claim names in KamHub access tokens (JWT registered names where one exists).</summary>
public static class KamHubClaims
{
    public const string UserId = "sub";
    public const string Email = "email";
    public const string Role = "role";
    /// <summary>The operator organisation an Operator user acts for.</summary>
    public const string OperatorId = "operator_id";

    public static Guid? GetUserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(UserId), out var id) ? id : null;

    public static Guid? GetOperatorId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(OperatorId), out var id) ? id : null;

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin);
}
