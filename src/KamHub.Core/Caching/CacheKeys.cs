namespace KamHub.Core.Caching;

public static class CacheKeys
{
    /// <summary>The region of "region:rest" keys; metrics and TTLs are per region.</summary>
    public static string RegionOf(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? key[..colon] : "default";
    }

    /// <summary>Every entry is implicitly tagged with its region, so a region can be dropped at once.</summary>
    public static string RegionTag(string region) => "region:" + region;
}
