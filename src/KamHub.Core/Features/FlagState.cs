namespace KamHub.Core.Features;

/// <summary>
/// Everything an admin sets on a flag: what the history records before and after each change and what
/// <c>flag.changed</c> carries.
/// <list type="bullet">
/// <item><see cref="Enabled"/> is the master switch: off is off for everyone.</item>
/// <item>When on, a caller gets the flag when not excluded and listed in <see cref="Users"/>, or holding one of
/// <see cref="Roles"/>, or in the sticky share of a listed group, or in the sticky <see cref="Percent"/> of everyone.</item>
/// </list>
/// </summary>
public sealed record FlagState(
    bool Enabled,
    double Percent,
    string? Description,
    IReadOnlyList<string> Users,
    IReadOnlyList<string> Roles,
    IReadOnlyList<FlagGroup> Groups,
    IReadOnlyList<string> ExcludedUsers,
    IReadOnlyList<string> ExcludedGroups);
