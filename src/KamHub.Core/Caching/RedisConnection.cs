using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace KamHub.Core.Caching;

/// <summary>
/// The Redis connection of this process for the L2 cache and the health check (the backplane opens its own pub/sub
/// connection with the same <see cref="ParseOptions"/>). It never aborts on a failed connect: StackExchange.Redis
/// keeps reconnecting in the background while commands fail fast.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _connection;

    public RedisConnection(string connectionString, ILogger<RedisConnection> logger)
    {
        var options = ParseOptions(connectionString);
        _connection = new(async () =>
        {
            var connection = await ConnectionMultiplexer.ConnectAsync(options);
            if (!connection.IsConnected) logger.LogWarning("Redis at {Endpoints} is not reachable yet; the cache runs on memory until it is", options.ToString(includePassword: false));
            return connection;
        });
    }

    /// <summary>
    /// How every KamHub connection to Redis behaves (this one and the cache backplane's own pub/sub connection).
    /// A fresh instance per call: StackExchange.Redis keeps per-multiplexer state in it.
    /// </summary>
    public static ConfigurationOptions ParseOptions(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        // While disconnected, commands fail at once (the cache falls back to memory) instead of queueing for seconds.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        // Unless configured, give up a connect attempt after 2 s (the library's 5 s would stall the first requests).
        if (!connectionString.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase)) options.ConnectTimeout = 2000;
        return options;
    }

    public Task<IConnectionMultiplexer> GetAsync() => _connection.Value;

    public async Task<bool> PingAsync()
    {
        try
        {
            var connection = await GetAsync();
            await connection.GetDatabase().PingAsync();
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated) await (await _connection.Value).DisposeAsync();
    }
}
