using Microsoft.FeatureManagement;

namespace KamHub.Core.Features.Evaluation;

/// <summary>One consistent read of every flag, with its FeatureManagement definition built once per read, not per evaluation.</summary>
internal sealed class FlagSet
{
    public static readonly FlagSet Empty = new([]);

    public FlagSet(IEnumerable<FeatureFlag> flags)
    {
        Flags = flags.ToDictionary(f => f.Name, StringComparer.Ordinal);
        Definitions = Flags.Values.ToDictionary(f => f.Name, FlagDefinitions.ToDefinition, StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, FeatureFlag> Flags { get; }

    public IReadOnlyDictionary<string, FeatureDefinition> Definitions { get; }
}
