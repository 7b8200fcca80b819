using System.Globalization;
using System.Text.RegularExpressions;
using KamHub.Core.Errors;
using KamHub.Core.Security;

namespace KamHub.Core.Features.Admin;

/// <summary>
/// Checks a change and turns it into the flag's next state: names field by field what is wrong, normalises what is
/// merely spelled differently (role case, user id case, duplicates).
/// </summary>
internal static partial class FlagChangeValidator
{
    public const int MaxEntries = 1000;
    public const int MaxEntryLength = 100;

    public static FlagState Next(string name, FlagState? current, FlagChangeRequest request)
    {
        var errors = new ValidationErrors();
        errors.When(!FlagNames.IsValid(name), "name",
            "must be '<module>.<feature>': lower-case letters, digits and dashes, segments joined by dots, at most 100 characters (e.g. booking.instant-confirm).");
        Percent(errors, request.Percent, "percent");
        errors.Optional(request.Description, "description", Data.FeatureFlagRow.DescriptionMaxLength).Storable(request.Description, "description");
        var users = Entries(errors, request.Users, "users", NormalizeUser);
        var excludedUsers = Entries(errors, request.ExcludedUsers, "excludedUsers", NormalizeUser);
        var roles = Entries(errors, request.Roles, "roles", NormalizeRole);
        var excludedGroups = Entries(errors, request.ExcludedGroups, "excludedGroups", NormalizeGroup);
        var groups = Groups(errors, request.Groups);
        if (!errors.IsValid) throw new FlagValidationException(errors.ToDictionary());

        var audienceGiven = request.Users is { Count: > 0 } || request.Roles is { Count: > 0 } || request.Groups is { Count: > 0 };
        return new FlagState(
            request.Enabled ?? current?.Enabled ?? true,
            request.Percent ?? current?.Percent ?? (audienceGiven ? 0 : 100),
            request.Description is null ? current?.Description : request.Description.Trim() is { Length: > 0 } d ? d : null,
            users ?? current?.Users ?? [],
            roles ?? current?.Roles ?? [],
            groups ?? current?.Groups ?? [],
            excludedUsers ?? current?.ExcludedUsers ?? [],
            excludedGroups ?? current?.ExcludedGroups ?? []);
    }

    private static void Percent(ValidationErrors errors, double? percent, string field)
    {
        if (percent is not { } p) return;
        errors.When(p is < 0 or > 100 || double.IsNaN(p), field, "must be between 0 and 100.");
        errors.When(Math.Round(p, 2) != p, field, "must have at most two decimals (0.01 % steps).");
    }

    private static List<string>? Entries(ValidationErrors errors, IReadOnlyList<string>? values, string field, Func<string, string?> normalize)
    {
        if (values is null) return null;
        if (values.Count > MaxEntries) errors.Add(field, $"must have at most {MaxEntries} entries.");
        var result = new List<string>();
        for (var i = 0; i < values.Count; i++)
        {
            var entry = values[i]?.Trim();
            var normalized = string.IsNullOrEmpty(entry) || entry.Length > MaxEntryLength || !StorableText.IsStorable(entry) ? null : normalize(entry);
            if (normalized is null) errors.Add($"{field}[{i}]", Describe(field));
            else if (!result.Contains(normalized, StringComparer.OrdinalIgnoreCase)) result.Add(normalized);
        }

        return result;
    }

    private static List<FlagGroup>? Groups(ValidationErrors errors, IReadOnlyList<FlagGroup>? groups)
    {
        if (groups is null) return null;
        if (groups.Count > MaxEntries) errors.Add("groups", $"must have at most {MaxEntries} entries.");
        var result = new List<FlagGroup>();
        for (var i = 0; i < groups.Count; i++)
        {
            var name = groups[i]?.Name is { } raw ? NormalizeGroup(raw.Trim()) : null;
            if (name is null) errors.Add($"groups[{i}].name", Describe("groups"));
            Percent(errors, groups[i]?.Percent, $"groups[{i}].percent");
            if (name is null) continue;
            if (result.Any(g => g.Name.Equals(name, StringComparison.OrdinalIgnoreCase))) errors.Add($"groups[{i}].name", "is listed twice.");
            else result.Add(new FlagGroup(name, groups[i].Percent));
        }

        return result;
    }

    /// <summary>User ids are GUIDs (lower case, as tokens carry them); visitors are <c>visitor:&lt;key&gt;</c>.</summary>
    private static string? NormalizeUser(string value)
    {
        if (Guid.TryParse(value, out var id)) return id.ToString("D", CultureInfo.InvariantCulture);
        return value.StartsWith(FlagTarget.VisitorPrefix, StringComparison.Ordinal) && Evaluation.VisitorKey.IsValid(value[FlagTarget.VisitorPrefix.Length..]) ? value : null;
    }

    private static string? NormalizeRole(string value) => Roles.Normalize(value);

    /// <summary>A group is a name a target carries: <c>operator:&lt;id&gt;</c> or a plain word; roles have their own list.</summary>
    private static string? NormalizeGroup(string value) =>
        GroupPattern().IsMatch(value) && !value.StartsWith(FlagTarget.RoleGroupPrefix, StringComparison.OrdinalIgnoreCase) ? value : null;

    private static string Describe(string field) => field switch
    {
        "users" or "excludedUsers" => "must be a user id (GUID) or 'visitor:<key>' (8-64 letters, digits, '-' or '_').",
        "roles" => $"must be one of {string.Join(", ", Roles.All)}.",
        _ => $"must be 1-{MaxEntryLength} letters, digits or '-_.:@' (e.g. operator:<id>); list roles under 'roles'.",
    };

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,99}$")]
    private static partial Regex GroupPattern();
}
