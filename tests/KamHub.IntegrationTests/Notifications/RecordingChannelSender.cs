using System.Collections.Concurrent;
using KamHub.Notifications.Channels;

namespace KamHub.IntegrationTests.Notifications;

/// <summary>
/// Stands in for the channel providers (helper N1's, wired at merge): records every message and answers what the
/// test sets, accepted by a provider named "test" by default.
/// </summary>
internal sealed class RecordingChannelSender : IChannelSender
{
    private readonly ConcurrentQueue<OutgoingMessage> _messages = new();

    public Func<OutgoingMessage, ChannelSendOutcome> Answer { get; set; } = Accept;

    public IReadOnlyList<OutgoingMessage> Messages => _messages.ToList();

    public static ChannelSendOutcome Accept(OutgoingMessage message) =>
        new(true, "test", "msg-" + message.DeliveryId.ToString("N")[..8], null, true, [new ProviderAttempt("test", null)]);

    public static ChannelSendOutcome Fail(OutgoingMessage message) =>
        new(false, "test", null, "503 from the test provider", true, [new ProviderAttempt("test", "503")]);

    public static ChannelSendOutcome Refuse(OutgoingMessage message) =>
        new(false, "test", null, "invalid recipient", false, [new ProviderAttempt("test", "invalid recipient")]);

    public Task<ChannelSendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        _messages.Enqueue(message);
        return Task.FromResult(Answer(message));
    }
}
