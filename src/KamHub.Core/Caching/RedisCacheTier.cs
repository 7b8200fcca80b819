using System.Globalization;
using System.Text.Json;

namespace KamHub.Core.Caching;

/// <summary>Redis as the shared L2: values under kamhub:cache:, tag generations under kamhub:cache-tag:, invalidations on one channel.</summary>
internal sealed class RedisCacheTier(RespConnection redis) : IRemoteCacheTier, IDisposable
{
    private const string Channel = "kamhub:cache:invalidations";
    private const string KeyPrefix = "kamhub:cache:";
    private const string TagPrefix = "kamhub:cache-tag:";
    private readonly CancellationTokenSource _stop = new();

    public async Task<byte[]?> GetAsync(string key) =>
        await redis.ExecuteAsync("GET", KeyPrefix + key) is string value ? Convert.FromBase64String(value) : null;

    // Values travel base64-encoded: the RESP client speaks UTF-8 strings only.
    public Task SetAsync(string key, byte[] value, TimeSpan ttl) => redis.ExecuteAsync(
        "SET", KeyPrefix + key, Convert.ToBase64String(value), "PX", ((long)ttl.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));

    public Task RemoveAsync(string key) => redis.ExecuteAsync("DEL", KeyPrefix + key);

    public async Task<long> GetTagVersionAsync(string tag) =>
        await redis.ExecuteAsync("GET", TagPrefix + tag) is string value ? long.Parse(value, CultureInfo.InvariantCulture) : 0;

    public async Task<long> BumpTagVersionAsync(string tag) => (long)(await redis.ExecuteAsync("INCR", TagPrefix + tag))!;

    public Task PublishAsync(CacheInvalidation message) => redis.ExecuteAsync("PUBLISH", Channel, JsonSerializer.Serialize(message));

    public void Subscribe(Action<CacheInvalidation> onMessage) => redis.Subscribe(Channel, payload =>
    {
        if (JsonSerializer.Deserialize<CacheInvalidation>(payload) is { } message) onMessage(message);
    }, _stop.Token);

    public async Task<bool> PingAsync()
    {
        try
        {
            return await redis.ExecuteAsync("PING") as string == "PONG";
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
