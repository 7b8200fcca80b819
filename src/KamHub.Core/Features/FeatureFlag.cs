namespace KamHub.Core.Features;

/// <summary>
/// One flag as the admin API and <c>kamhub flags</c> show it. <see cref="Module"/> is the name's first segment
/// (<c>booking.instant-confirm</c> belongs to <c>booking</c>).
/// </summary>
public sealed record FeatureFlag(
    string Name,
    string Module,
    bool Enabled,
    double Percent,
    string? Description,
    IReadOnlyList<string> Users,
    IReadOnlyList<string> Roles,
    IReadOnlyList<FlagGroup> Groups,
    IReadOnlyList<string> ExcludedUsers,
    IReadOnlyList<string> ExcludedGroups,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string UpdatedBy)
{
    public FlagState State => new(Enabled, Percent, Description, Users, Roles, Groups, ExcludedUsers, ExcludedGroups);
}

/// <summary>A group of callers (<c>operator:&lt;id&gt;</c>, or a name a caller's target carries) and the share of it that gets the flag (all of it when not given).</summary>
public sealed record FlagGroup(string Name, double Percent = 100);
