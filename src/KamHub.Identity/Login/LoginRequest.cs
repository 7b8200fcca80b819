namespace KamHub.Identity.Login;

internal sealed record LoginRequest(string? Email, string? Password);
