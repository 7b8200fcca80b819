namespace KamHub.Identity.AdminUsers;

internal sealed record CreateUserRequest(string? Email, string? Password, string? Role, Guid? OperatorId, string? DisplayName);
