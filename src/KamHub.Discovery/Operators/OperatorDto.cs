using KamHub.Discovery.Data;

namespace KamHub.Discovery.Operators;

internal sealed record OperatorDto(Guid Id, string Name, string Slug, string Region, string? Description)
{
    public static OperatorDto From(Operator o) => new(o.Id, o.Name, o.Slug, o.Region, o.Description);
}
