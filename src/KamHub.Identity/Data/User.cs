namespace KamHub.Identity.Data;

/// <summary>An account. One role per user; the API still speaks of roles so several can come later without a break.</summary>
internal sealed class User
{
    public const int EmailMaxLength = 254;
    public const int DisplayNameMaxLength = 100;
    public const int RoleMaxLength = 32;

    public Guid Id { get; set; }

    /// <summary>As the user typed it (trimmed), for display.</summary>
    public required string Email { get; set; }

    /// <summary>Upper-cased email: the unique sign-in key, so case never creates a second account.</summary>
    public required string NormalizedEmail { get; set; }

    public string? DisplayName { get; set; }

    public required string PasswordHash { get; set; }

    public required string Role { get; set; }

    /// <summary>The operator organisation (Discovery) an Operator user acts for; null for every other role.</summary>
    public Guid? OperatorId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
