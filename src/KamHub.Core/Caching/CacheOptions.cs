namespace KamHub.Core.Caching;

/// <summary>Cache settings (section <c>KamHub:Cache</c>). Keys are "region:rest"; each region may set its own TTL.</summary>
public sealed class CacheOptions
{
    public const string SectionName = "KamHub:Cache";

    /// <summary>Off means every lookup runs its factory: used by benchmarks to measure what the cache buys.</summary>
    public bool Enabled { get; set; } = true;

    public int DefaultTtlSeconds { get; set; } = 60;

    /// <summary>Largest number of entries kept in process memory.</summary>
    public int MaxLocalEntries { get; set; } = 100_000;

    public Dictionary<string, CacheRegionOptions> Regions { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public TimeSpan TtlFor(string region) =>
        TimeSpan.FromSeconds(Regions.TryGetValue(region, out var r) && r.TtlSeconds > 0 ? r.TtlSeconds : DefaultTtlSeconds);
}

public sealed class CacheRegionOptions
{
    public int TtlSeconds { get; set; }
}
