using Microsoft.AspNetCore.Http;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace KamHub.Core.Features.Evaluation;

/// <summary>Evaluates through FeatureManagement's targeting filter with an explicit targeting context per call.</summary>
internal sealed class FeatureFlags(IVariantFeatureManager features, FlagStore store, FlagMetrics metrics, IHttpContextAccessor http) : IFeatureFlags
{
    public ValueTask<bool> IsEnabledAsync(string flag, CancellationToken ct = default) => IsEnabledAsync(flag, CurrentTarget(), ct);

    public async ValueTask<bool> IsEnabledAsync(string flag, FlagTarget target, CancellationToken ct = default)
    {
        var set = await store.CurrentAsync(ct);
        return set.Flags.TryGetValue(flag, out var definition) && await EvaluateAsync(definition, target, ct);
    }

    public async ValueTask<IReadOnlyDictionary<string, bool>> EvaluateAllAsync(FlagTarget target, CancellationToken ct = default)
    {
        var set = await store.CurrentAsync(ct);
        var result = new SortedDictionary<string, bool>(StringComparer.Ordinal);
        foreach (var flag in set.Flags.Values) result[flag.Name] = await EvaluateAsync(flag, target, ct);
        return result;
    }

    public FlagTarget CurrentTarget() => http.HttpContext is { } context ? HttpFlagTarget.Of(context) : FlagTarget.Nobody;

    private async ValueTask<bool> EvaluateAsync(FeatureFlag flag, FlagTarget target, CancellationToken ct)
    {
        // Without a key every percentage bucket would be the same arbitrary one; such a caller gets only what everyone gets.
        var enabled = target.Key is null
            ? flag.Enabled && flag.Percent >= 100
            : await features.IsEnabledAsync(flag.Name, new TargetingContext { UserId = target.Key, Groups = target.Groups }, ct);
        metrics.Evaluated(flag.Name, enabled);
        return enabled;
    }
}
