using Microsoft.FeatureManagement;

namespace KamHub.Core.Features.Evaluation;

/// <summary>FeatureManagement's source of definitions: the flags table, through the store's in-memory copy.</summary>
internal sealed class DatabaseFeatureDefinitionProvider(FlagStore store) : IFeatureDefinitionProvider
{
    public async Task<FeatureDefinition> GetFeatureDefinitionAsync(string featureName)
    {
        var set = await store.CurrentAsync(CancellationToken.None);
        // FeatureManagement treats null as "no such feature" (off).
        return set.Definitions.GetValueOrDefault(featureName)!;
    }

    public async IAsyncEnumerable<FeatureDefinition> GetAllFeatureDefinitionsAsync()
    {
        var set = await store.CurrentAsync(CancellationToken.None);
        foreach (var definition in set.Definitions.Values) yield return definition;
    }
}
