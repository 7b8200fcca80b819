namespace KamHub.Discovery.Operators.CreateOperator;

internal sealed record CreateOperatorRequest(string? Name, string? Slug, string? Region, string? Description);
