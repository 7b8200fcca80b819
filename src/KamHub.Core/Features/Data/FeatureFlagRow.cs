namespace KamHub.Core.Features.Data;

/// <summary>One flag as stored. The audience (users, roles, groups, exclusions) is one JSON column: it is read whole.</summary>
internal sealed class FeatureFlagRow
{
    public const int DescriptionMaxLength = 500;

    public required string Name { get; set; }

    public string? Description { get; set; }

    /// <summary>The master switch: off means off for everyone, whatever the percentage and audience say.</summary>
    public bool Enabled { get; set; }

    /// <summary>Share of callers (0–100, two decimals) that get the flag besides the audience.</summary>
    public double Percent { get; set; }

    /// <summary><see cref="FlagAudience"/> as JSON.</summary>
    public required string Audience { get; set; }

    /// <summary>Raised by every change; the optimistic concurrency token.</summary>
    public int Version { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>UTC.</summary>
    public DateTime UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }
}
