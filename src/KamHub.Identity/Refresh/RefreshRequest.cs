namespace KamHub.Identity.Refresh;

internal sealed record RefreshRequest(string? RefreshToken);
