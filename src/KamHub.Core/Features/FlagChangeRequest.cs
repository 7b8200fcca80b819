namespace KamHub.Core.Features;

/// <summary>
/// The body of <c>PUT /api/admin/flags/{name}</c>: every field is optional and a missing one keeps its value. A new
/// flag starts enabled, at 100 % when no users, roles or groups are given and at 0 % (only its audience) when they are.
/// Lists replace the stored list; an empty description clears it.
/// </summary>
public sealed record FlagChangeRequest(
    bool? Enabled = null,
    double? Percent = null,
    string? Description = null,
    IReadOnlyList<string>? Users = null,
    IReadOnlyList<string>? Roles = null,
    IReadOnlyList<FlagGroup>? Groups = null,
    IReadOnlyList<string>? ExcludedUsers = null,
    IReadOnlyList<string>? ExcludedGroups = null);
