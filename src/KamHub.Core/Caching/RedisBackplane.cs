using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Backplane;

namespace KamHub.Core.Caching;

/// <summary>
/// FusionCache's backplane over Redis pub/sub: tells the other nodes which keys changed so they drop their L1 copy.
/// Ours because ZiggyCreatures.FusionCache.Backplane.StackExchangeRedis is not in the registry we build from (ADR 0003);
/// it does what that package does, without its options.
/// </summary>
internal sealed class RedisBackplane(RedisConnection redis, ILogger<RedisBackplane> logger) : IFusionCacheBackplane
{
    private BackplaneSubscriptionOptions? _subscription;
    private RedisChannel _channel;

    /// <summary>FusionCache subscribes while it is being built; that must not wait for a Redis that may be down.</summary>
    public void Subscribe(BackplaneSubscriptionOptions options)
    {
        _subscription = options;
        _channel = RedisChannel.Literal(options.ChannelName ?? throw new InvalidOperationException("FusionCache gave no backplane channel."));
        _ = Task.Run(ConnectAsync);
    }

    public ValueTask SubscribeAsync(BackplaneSubscriptionOptions options)
    {
        Subscribe(options);
        return ValueTask.CompletedTask;
    }

    private async Task ConnectAsync()
    {
        var connection = await redis.GetAsync();
        // One handler per backplane, however often FusionCache re-subscribes.
        connection.ConnectionRestored -= OnConnectionRestored;
        connection.ConnectionRestored += OnConnectionRestored;
        try
        {
            await connection.GetSubscriber().SubscribeAsync(_channel, (_, value) => OnMessage(value));
            _subscription?.ConnectHandler?.Invoke(new BackplaneConnectionInfo(false));
        }
        catch (RedisException ex)
        {
            // StackExchange.Redis restores the subscription when the connection comes back.
            logger.LogWarning(ex, "Cache backplane could not subscribe yet; Redis is unreachable");
        }
    }

    public void Unsubscribe() => UnsubscribeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask UnsubscribeAsync()
    {
        _subscription = null;
        try
        {
            var connection = await redis.GetAsync();
            connection.ConnectionRestored -= OnConnectionRestored;
            await connection.GetSubscriber().UnsubscribeAsync(_channel);
        }
        catch (RedisException ex)
        {
            // Shutting down while Redis is away: the server drops the subscription with the connection anyway.
            logger.LogDebug(ex, "Cache backplane unsubscribe skipped; Redis is unreachable");
        }
    }

    /// <summary>FusionCache re-sends what it could not publish while Redis was away (auto-recovery).</summary>
    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription) _subscription?.ConnectHandler?.Invoke(new BackplaneConnectionInfo(true));
    }

    public void Publish(BackplaneMessage message, FusionCacheEntryOptions options, CancellationToken token = default) =>
        PublishAsync(message, options, token).AsTask().GetAwaiter().GetResult();

    public async ValueTask PublishAsync(BackplaneMessage message, FusionCacheEntryOptions options, CancellationToken token = default)
    {
        var connection = await redis.GetAsync();
        await connection.GetSubscriber().PublishAsync(_channel, BackplaneMessage.ToByteArray(message));
    }

    private void OnMessage(RedisValue value)
    {
        var handler = _subscription?.IncomingMessageHandlerAsync;
        if (handler is null || value.IsNull) return;
        try
        {
            var message = BackplaneMessage.FromByteArray((byte[])value!);
            _ = Task.Run(async () => await handler(message));
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or ArgumentException)
        {
            logger.LogWarning(ex, "Ignored a malformed cache backplane message");
        }
    }
}
