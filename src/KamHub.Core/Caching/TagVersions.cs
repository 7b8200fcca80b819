using System.Collections.Concurrent;

namespace KamHub.Core.Caching;

/// <summary>
/// A generation counter per tag. An entry remembers the generations of its tags when its value was computed;
/// once any of them moves on, the entry is stale. Counters (not timestamps) keep nodes with skewed clocks correct.
/// </summary>
internal sealed class TagVersions
{
    private readonly ConcurrentDictionary<string, long> _versions = new(StringComparer.Ordinal);

    public long Get(string tag) => _versions.GetValueOrDefault(tag);

    public bool IsKnown(string tag) => _versions.ContainsKey(tag);

    public long Bump(string tag) => _versions.AddOrUpdate(tag, 1, (_, v) => v + 1);

    /// <summary>Raises a tag to a version learnt from another node; never lowers it.</summary>
    public void Observe(string tag, long version) => _versions.AddOrUpdate(tag, version, (_, v) => Math.Max(v, version));

    public Dictionary<string, long> Snapshot(IEnumerable<string> tags) => tags.Distinct().ToDictionary(t => t, Get);

    public bool IsCurrent(IReadOnlyDictionary<string, long> snapshot) => snapshot.All(kv => Get(kv.Key) == kv.Value);
}
