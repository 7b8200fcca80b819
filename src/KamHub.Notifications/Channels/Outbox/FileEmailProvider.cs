using KamHub.Notifications.Channels.Email;

namespace KamHub.Notifications.Channels.Outbox;

/// <summary>Writes each e-mail as an .eml file any mail client opens: the same MIME message SMTP would send.</summary>
internal sealed class FileEmailProvider(FileOutbox outbox) : IChannelProvider
{
    public string Name => ChannelProviderCatalog.File;

    public NotificationChannel Channel => NotificationChannel.Email;

    public Task<string> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var from = EmailMessages.ParseAddress(outbox.From)!;
        var mime = EmailMessages.Build(message, from, Name);
        return outbox.WriteAsync(message, "eml", (stream, token) => mime.WriteToAsync(stream, token), ct);
    }
}
