using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace KamHub.Notifications.Channels.Email;

/// <summary>Sends through an SMTP relay with MailKit, one connection per message (the queue worker's concurrency bounds them).</summary>
internal sealed class SmtpEmailProvider(IOptionsMonitor<SmtpOptions> options) : IChannelProvider
{
    public string Name => ChannelProviderCatalog.Smtp;

    public NotificationChannel Channel => NotificationChannel.Email;

    public async Task<string> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var from = EmailMessages.ParseAddress(settings.From)!;
        var mime = EmailMessages.Build(message, from, Name);
        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Host!, settings.Port, settings.Security, ct);
            if (!string.IsNullOrEmpty(settings.User)) await client.AuthenticateAsync(settings.User, settings.Password ?? string.Empty, ct);
            await client.SendAsync(mime, ct);
            await client.DisconnectAsync(quit: true, ct);
            return mime.MessageId ?? message.DeliveryId.ToString();
        }
        catch (SmtpCommandException ex)
        {
            throw Rejected(ex);
        }
        catch (Exception ex) when (ex is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException
                                       or AuthenticationException or SslHandshakeException or NotSupportedException
                                       || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            // Connection trouble, a timeout, TLS or login failing: this relay's problem, not the message's.
            throw new ChannelProviderException(Name, $"{ex.GetType().Name}: {ex.Message}", transient: true, ex);
        }
    }

    /// <summary>
    /// 5xx replies to a recipient or the data reject the message for good; 4xx are "try again later". A refused sender is our
    /// configuration (another relay may take it), so it fails over.
    /// </summary>
    private ChannelProviderException Rejected(SmtpCommandException ex)
    {
        var code = (int)ex.StatusCode;
        var permanent = code is >= 500 and < 600 && ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted;
        return new ChannelProviderException(Name, $"SMTP {code} ({ex.ErrorCode}): {ex.Message}", transient: !permanent, ex);
    }
}
