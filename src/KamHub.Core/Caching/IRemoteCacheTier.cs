namespace KamHub.Core.Caching;

/// <summary>The shared second level (Redis) and its invalidation channel. Absent in the embedded default.</summary>
internal interface IRemoteCacheTier
{
    Task<byte[]?> GetAsync(string key);
    Task SetAsync(string key, byte[] value, TimeSpan ttl);
    Task RemoveAsync(string key);
    Task<long> GetTagVersionAsync(string tag);
    Task<long> BumpTagVersionAsync(string tag);
    Task PublishAsync(CacheInvalidation message);
    void Subscribe(Action<CacheInvalidation> onMessage);
    Task<bool> PingAsync();
}

/// <summary>Sent to every node: drop one key, or a tag moved to a new generation.</summary>
internal sealed record CacheInvalidation(string NodeId, string? Key, string? Tag, long Version);
