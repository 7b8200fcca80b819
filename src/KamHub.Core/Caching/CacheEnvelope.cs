namespace KamHub.Core.Caching;

/// <summary>What the cache stores: the value plus the tag generations it was computed under.</summary>
internal sealed record CacheEnvelope<T>(T Value, Dictionary<string, long> Tags, DateTimeOffset ExpiresAt);
