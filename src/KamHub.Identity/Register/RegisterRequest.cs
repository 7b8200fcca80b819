namespace KamHub.Identity.Register;

internal sealed record RegisterRequest(string? Email, string? Password, string? DisplayName);
