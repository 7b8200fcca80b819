namespace KamHub.Discovery.Data;

/// <summary>A tour operator organisation.</summary>
internal sealed class Operator
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public required string Region { get; set; }
    public string? Description { get; set; }
    public DateTime CreatedAt { get; set; }
}
