namespace KamHub.Core.Security;

/// <summary>Platform roles as they appear in tokens and the API.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Operator = "Operator";
    public const string Agent = "Agent";
    public const string Guide = "Guide";
    public const string Tourist = "Tourist";
    public const string Transfer = "Transfer";

    public static readonly IReadOnlyList<string> All = [Admin, Operator, Agent, Guide, Tourist, Transfer];

    public static string? Normalize(string? role) =>
        All.FirstOrDefault(r => r.Equals(role, StringComparison.OrdinalIgnoreCase));
}
