namespace KamHub.Core.Features;

/// <summary>
/// "Is flag X on for this caller?" over Microsoft.FeatureManagement and the definitions in the database (ADR 0011).
/// Unknown flags are off. Evaluation reads memory only: definitions are refreshed in the background.
/// </summary>
public interface IFeatureFlags
{
    /// <summary>For the current HTTP caller (signed-in user, else the visitor key); outside a request, as <see cref="FlagTarget.Nobody"/>.</summary>
    ValueTask<bool> IsEnabledAsync(string flag, CancellationToken ct = default);

    ValueTask<bool> IsEnabledAsync(string flag, FlagTarget target, CancellationToken ct = default);

    /// <summary>Every defined flag for one target, by name.</summary>
    ValueTask<IReadOnlyDictionary<string, bool>> EvaluateAllAsync(FlagTarget target, CancellationToken ct = default);

    /// <summary>The target of the current HTTP request (<see cref="FlagTarget.Nobody"/> outside one).</summary>
    FlagTarget CurrentTarget();
}
