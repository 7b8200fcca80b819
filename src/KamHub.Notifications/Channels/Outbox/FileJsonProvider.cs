using System.Text.Encodings.Web;
using System.Text.Json;

namespace KamHub.Notifications.Channels.Outbox;

/// <summary>Writes each SMS or push message as indented JSON: recipient, title, text and data, readable in any editor.</summary>
internal sealed class FileJsonProvider(NotificationChannel channel, FileOutbox outbox) : IChannelProvider
{
    // A file for people to read, never embedded in HTML: letters of every script stay as they are, not \uXXXX.
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string Name => ChannelProviderCatalog.File;

    public NotificationChannel Channel => channel;

    public Task<string> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var record = new FileJsonMessage(message.DeliveryId, channel.ToString().ToLowerInvariant(), message.Recipient, message.RecipientName,
            message.Subject, message.TextBody, message.Data);
        return outbox.WriteAsync(message, "json", (stream, token) => JsonSerializer.SerializeAsync(stream, record, Json, token), ct);
    }

    private sealed record FileJsonMessage(
        Guid DeliveryId, string Channel, string Recipient, string? RecipientName, string? Title, string Text, IReadOnlyDictionary<string, string>? Data);
}
