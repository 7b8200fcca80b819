using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace KamHub.Core.Features.Evaluation;

/// <summary>
/// A flag as a FeatureManagement definition: one targeting filter. Its evaluator hashes (SHA-256) the caller's key
/// with the flag's name into a point in [0, 100) and compares it with the percentage, so a caller's answer is the same
/// on every instance and a raised percentage keeps everyone who was in (ADR 0011). Roles are groups at 100 %.
/// </summary>
internal static class FlagDefinitions
{
    public const string TargetingFilter = "Microsoft.Targeting";

    public static FeatureDefinition ToDefinition(FeatureFlag flag) => new()
    {
        Name = flag.Name,
        Status = flag.Enabled ? FeatureStatus.Conditional : FeatureStatus.Disabled,
        EnabledFor =
        [
            new FeatureFilterConfiguration
            {
                Name = TargetingFilter,
                ParametersObject = new TargetingFilterSettings
                {
                    Audience = new Audience
                    {
                        Users = [.. flag.Users],
                        Groups =
                        [
                            .. flag.Roles.Select(r => new GroupRollout { Name = FlagTarget.RoleGroup(r), RolloutPercentage = 100 }),
                            .. flag.Groups.Select(g => new GroupRollout { Name = g.Name, RolloutPercentage = g.Percent }),
                        ],
                        DefaultRolloutPercentage = flag.Percent,
                        Exclusion = new BasicAudience { Users = [.. flag.ExcludedUsers], Groups = [.. flag.ExcludedGroups] },
                    },
                },
            },
        ],
    };
}
