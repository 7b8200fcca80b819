using System.Text.Json;

namespace KamHub.Core.Features.Data;

/// <summary>Rows to the public shapes and back.</summary>
internal static class FlagRows
{
    public static FeatureFlag ToFlag(FeatureFlagRow row)
    {
        var audience = FlagAudience.Parse(row.Audience);
        return new FeatureFlag(row.Name, FlagNames.Module(row.Name), row.Enabled, row.Percent, row.Description,
            audience.Users, audience.Roles, audience.Groups, audience.ExcludedUsers, audience.ExcludedGroups,
            row.Version, Utc(row.CreatedAt), Utc(row.UpdatedAt), row.UpdatedBy);
    }

    public static void Apply(FeatureFlagRow row, FlagState state)
    {
        row.Enabled = state.Enabled;
        row.Percent = state.Percent;
        row.Description = state.Description;
        row.Audience = FlagAudience.From(state).ToJson();
    }

    public static FlagHistoryEntry ToEntry(FlagChangeRow row) =>
        new(row.Id, row.FlagName, row.Change, Utc(row.ChangedAt), row.ChangedBy, ParseState(row.OldValue), ParseState(row.NewValue));

    public static string? StateJson(FlagState? state) => state is null ? null : JsonSerializer.Serialize(state, FlagAudience.Json);

    private static FlagState? ParseState(string? json) => json is null ? null : JsonSerializer.Deserialize<FlagState>(json, FlagAudience.Json);

    /// <summary>SQLite hands instants back without a kind; they were written as UTC.</summary>
    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
