using System.Text.Json;

namespace KamHub.Core.Features.Data;

/// <summary>The stored shape of a flag's audience column.</summary>
internal sealed record FlagAudience(
    IReadOnlyList<string> Users,
    IReadOnlyList<string> Roles,
    IReadOnlyList<FlagGroup> Groups,
    IReadOnlyList<string> ExcludedUsers,
    IReadOnlyList<string> ExcludedGroups)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static FlagAudience From(FlagState state) => new(state.Users, state.Roles, state.Groups, state.ExcludedUsers, state.ExcludedGroups);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static FlagAudience Parse(string json) => JsonSerializer.Deserialize<FlagAudience>(json, Json)
        ?? throw new InvalidOperationException("A flag's audience column is empty.");
}
