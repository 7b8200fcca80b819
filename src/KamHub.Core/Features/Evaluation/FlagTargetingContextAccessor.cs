using Microsoft.AspNetCore.Http;
using Microsoft.FeatureManagement.FeatureFilters;

namespace KamHub.Core.Features.Evaluation;

/// <summary>
/// For code that asks FeatureManagement directly (<c>IFeatureManager.IsEnabledAsync(name)</c>): the same HTTP
/// caller target <see cref="IFeatureFlags"/> uses. Outside a request there is no context and the filter says off.
/// </summary>
internal sealed class FlagTargetingContextAccessor(IHttpContextAccessor http) : ITargetingContextAccessor
{
    public ValueTask<TargetingContext> GetContextAsync()
    {
        if (http.HttpContext is not { } context) return ValueTask.FromResult<TargetingContext>(null!);
        var target = HttpFlagTarget.Of(context);
        return ValueTask.FromResult(new TargetingContext { UserId = target.Key, Groups = target.Groups });
    }
}
