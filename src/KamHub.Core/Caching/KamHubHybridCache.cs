using System.Collections.Concurrent;
using System.Text.Json;
using KamHub.Core.Monitoring;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KamHub.Core.Caching;

/// <summary>
/// The HybridCache API over an in-process L1 and an optional Redis L2 (see ADR 0003 for why this is ours and not
/// FusionCache). Concurrent misses of one key share one factory call (stampede protection); invalidation is by
/// key or by tag generation and reaches every node through Redis pub/sub.
/// </summary>
internal sealed class KamHubHybridCache : HybridCache, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly MemoryCache _local;
    private readonly IRemoteCacheTier? _remote;
    private readonly CacheOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<KamHubHybridCache> _logger;
    private readonly TagVersions _tags = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<object?>>> _inflight = new(StringComparer.Ordinal);
    private readonly string _nodeId = Guid.NewGuid().ToString("N");

    public KamHubHybridCache(IOptions<CacheOptions> options, TimeProvider clock, ILogger<KamHubHybridCache> logger, IRemoteCacheTier? remote = null)
    {
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _remote = remote;
        _local = new MemoryCache(new MemoryCacheOptions { SizeLimit = _options.MaxLocalEntries, Clock = null });
        _remote?.Subscribe(OnRemoteInvalidation);
    }

    public override async ValueTask<T> GetOrCreateAsync<TState, T>(string key, TState state, Func<TState, CancellationToken, ValueTask<T>> factory,
        HybridCacheEntryOptions? options = null, IEnumerable<string>? tags = null, CancellationToken cancellationToken = default)
    {
        var region = CacheKeys.RegionOf(key);
        var regionTag = new KeyValuePair<string, object?>("region", region);
        if (!_options.Enabled)
        {
            KamHubMetrics.CacheMisses.Add(1, regionTag);
            return await factory(state, cancellationToken);
        }

        var allTags = (tags ?? []).Append(CacheKeys.RegionTag(region)).ToArray();
        await LearnTagsAsync(allTags);

        var found = await TryGetAsync<T>(key);
        if (found is not null)
        {
            KamHubMetrics.CacheHits.Add(1, regionTag);
            return found.Value;
        }

        KamHubMetrics.CacheMisses.Add(1, regionTag);
        var lazy = _inflight.GetOrAdd(key, _ => new Lazy<Task<object?>>(
            () => ComputeAsync(key, region, state, factory, options, allTags, cancellationToken)));
        try
        {
            return (T)(await lazy.Value)!;
        }
        finally
        {
            _inflight.TryRemove(new KeyValuePair<string, Lazy<Task<object?>>>(key, lazy));
        }
    }

    public override async ValueTask SetAsync<T>(string key, T value, HybridCacheEntryOptions? options = null,
        IEnumerable<string>? tags = null, CancellationToken cancellationToken = default)
    {
        var region = CacheKeys.RegionOf(key);
        var allTags = (tags ?? []).Append(CacheKeys.RegionTag(region)).ToArray();
        await LearnTagsAsync(allTags);
        await StoreAsync(key, region, value, options, _tags.Snapshot(allTags));
    }

    public override async ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        _local.Remove(key);
        if (_remote is null) return;
        await _remote.RemoveAsync(key);
        await _remote.PublishAsync(new CacheInvalidation(_nodeId, key, null, 0));
    }

    public override async ValueTask RemoveByTagAsync(string tag, CancellationToken cancellationToken = default)
    {
        if (_remote is null)
        {
            _tags.Bump(tag);
            return;
        }

        var version = await _remote.BumpTagVersionAsync(tag);
        _tags.Observe(tag, version);
        await _remote.PublishAsync(new CacheInvalidation(_nodeId, null, tag, version));
    }

    /// <summary>Drops every entry of a region, on every node.</summary>
    public ValueTask RemoveRegionAsync(string region, CancellationToken cancellationToken = default) =>
        RemoveByTagAsync(CacheKeys.RegionTag(region), cancellationToken);

    internal Task<bool> IsRemoteHealthyAsync() => _remote?.PingAsync() ?? Task.FromResult(true);

    internal bool HasRemote => _remote is not null;

    public void Dispose() => _local.Dispose();

    private async Task<object?> ComputeAsync<TState, T>(string key, string region, TState state, Func<TState, CancellationToken, ValueTask<T>> factory,
        HybridCacheEntryOptions? options, string[] tags, CancellationToken ct)
    {
        // Generations are captured before the factory runs: an invalidation racing with it leaves this entry stale.
        var snapshot = _tags.Snapshot(tags);
        var value = await factory(state, ct);
        await StoreAsync(key, region, value, options, snapshot);
        return value;
    }

    private async Task<Found<T>?> TryGetAsync<T>(string key)
    {
        if (_local.TryGetValue(key, out CacheEnvelope<T>? local) && local is not null && _tags.IsCurrent(local.Tags))
            return new Found<T>(local.Value);
        if (_remote is null) return null;

        try
        {
            var bytes = await _remote.GetAsync(key);
            if (bytes is null) return null;
            var envelope = JsonSerializer.Deserialize<CacheEnvelope<T>>(bytes, Json);
            if (envelope is null) return null;
            await LearnTagsAsync(envelope.Tags.Keys);
            if (!_tags.IsCurrent(envelope.Tags)) return null;
            SetLocal(key, envelope);
            return new Found<T>(envelope.Value);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A sick L2 degrades to L1 plus the database; it must not fail the request.
            _logger.LogWarning(ex, "Remote cache read failed for {Key}", key);
            return null;
        }
    }

    private async Task StoreAsync<T>(string key, string region, T value, HybridCacheEntryOptions? options, Dictionary<string, long> tags)
    {
        var ttl = options?.Expiration ?? _options.TtlFor(region);
        var envelope = new CacheEnvelope<T>(value, tags, _clock.GetUtcNow() + ttl);
        var flags = options?.Flags ?? HybridCacheEntryFlags.None;
        if (!flags.HasFlag(HybridCacheEntryFlags.DisableLocalCacheWrite)) SetLocal(key, envelope, options?.LocalCacheExpiration);
        if (_remote is null || flags.HasFlag(HybridCacheEntryFlags.DisableDistributedCacheWrite)) return;
        try
        {
            await _remote.SetAsync(key, JsonSerializer.SerializeToUtf8Bytes(envelope, Json), ttl);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Remote cache write failed for {Key}", key);
        }
    }

    private void SetLocal<T>(string key, CacheEnvelope<T> envelope, TimeSpan? localTtl = null)
    {
        var expires = envelope.ExpiresAt;
        if (localTtl is { } l && _clock.GetUtcNow() + l < expires) expires = _clock.GetUtcNow() + l;
        _local.Set(key, envelope, new MemoryCacheEntryOptions { AbsoluteExpiration = expires, Size = 1 });
    }

    /// <summary>A node that joined late learns current tag generations from Redis once; pub/sub keeps them fresh after.</summary>
    private async Task LearnTagsAsync(IEnumerable<string> tags)
    {
        if (_remote is null) return;
        foreach (var tag in tags)
        {
            if (_tags.IsKnown(tag)) continue;
            try
            {
                _tags.Observe(tag, await _remote.GetTagVersionAsync(tag));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogWarning(ex, "Could not read generation of cache tag {Tag}", tag);
            }
        }
    }

    private void OnRemoteInvalidation(CacheInvalidation message)
    {
        if (message.NodeId == _nodeId) return;
        if (message.Key is not null) _local.Remove(message.Key);
        if (message.Tag is not null) _tags.Observe(message.Tag, message.Version);
    }

    private sealed record Found<T>(T Value);
}
