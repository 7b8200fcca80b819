using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KamHub.Notifications.Channels;

/// <summary>
/// Tries the channel's providers in the configured order. A transient failure moves on to the next provider; a permanent
/// rejection stops at once (another provider would reject the same message). Retries over time are the queue's job.
/// </summary>
internal sealed class ChannelSender(
    IServiceProvider services,
    IOptionsMonitor<ChannelRoutingOptions> routing,
    ChannelMetrics metrics,
    TimeProvider time,
    ILogger<ChannelSender> logger) : IChannelSender
{
    public async Task<ChannelSendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var attempts = new List<ProviderAttempt>();
        string? lastProvider = null;
        string? lastError = null;
        foreach (var name in routing.CurrentValue.ProvidersFor(message.Channel))
        {
            // A device token belongs to one push service: an APNs token means nothing to FCM and the reverse.
            if (message.Platform is { } platform && name != ChannelProviderCatalog.File && name != platform) continue;
            var provider = services.GetRequiredKeyedService<IChannelProvider>(ChannelProviderCatalog.Key(message.Channel, name));
            var started = time.GetTimestamp();
            lastProvider = name;
            try
            {
                var messageId = await provider.SendAsync(message, ct);
                metrics.Sent(message.Channel, name, time.GetElapsedTime(started));
                attempts.Add(new ProviderAttempt(name, null));
                return new ChannelSendOutcome(true, name, messageId, null, Retryable: false, attempts);
            }
            catch (ChannelProviderException ex) when (!ct.IsCancellationRequested)
            {
                metrics.Failed(message.Channel, name, ex.Transient, time.GetElapsedTime(started));
                attempts.Add(new ProviderAttempt(name, ex.Message));
                lastError = ex.Message;
                if (!ex.Transient)
                {
                    logger.LogWarning("{Channel} delivery {DeliveryId} rejected by {Provider}: {Error}", message.Channel, message.DeliveryId, name, ex.Message);
                    return new ChannelSendOutcome(false, name, null, ex.Message, Retryable: false, attempts, ex.RecipientGone);
                }

                logger.LogWarning("{Channel} delivery {DeliveryId} failed on {Provider}, trying the next provider: {Error}",
                    message.Channel, message.DeliveryId, name, ex.Message);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested && ex is not ChannelProviderException)
            {
                // A bug or an unmapped library error: count it as the provider failing, so the next one still gets a chance.
                metrics.Failed(message.Channel, name, transient: true, time.GetElapsedTime(started));
                lastError = $"{name}: unexpected {ex.GetType().Name}: {ex.Message}";
                attempts.Add(new ProviderAttempt(name, lastError));
                logger.LogError(ex, "{Channel} delivery {DeliveryId}: provider {Provider} failed unexpectedly", message.Channel, message.DeliveryId, name);
            }
        }

        if (attempts.Count == 0)
            return new ChannelSendOutcome(false, null, null, $"no configured {message.Channel} provider serves {message.Platform} devices", Retryable: false, attempts);
        return new ChannelSendOutcome(false, lastProvider, null, lastError, Retryable: true, attempts);
    }
}
