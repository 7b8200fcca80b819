namespace KamHub.Identity.Users;

/// <summary>Length is what makes passwords strong; composition rules only make them predictable.</summary>
internal static class PasswordRules
{
    public const int MinLength = 10;
    public const int MaxLength = 128;

    public static string? Check(string? password) => password switch
    {
        null or "" => "is required.",
        { Length: < MinLength } => $"must be at least {MinLength} characters.",
        { Length: > MaxLength } => $"must be at most {MaxLength} characters.",
        _ => null,
    };
}
