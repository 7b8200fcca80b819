namespace KamHub.Core.Seeding;

/// <summary>Demo data settings (section <c>KamHub:Seed</c>).</summary>
public sealed class SeedOptions
{
    public const string SectionName = "KamHub:Seed";

    /// <summary>Seed demo data on start (off with <c>--no-seed</c>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Password of the demo users; generated and printed once when not set.</summary>
    public string? DemoPassword { get; set; }
}
