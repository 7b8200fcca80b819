using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace KamHub.Notifications.Channels.Email;

/// <summary>
/// Sends through an SMTP relay with MailKit over pooled connections (<see cref="SmtpConnectionPool"/>): connect, TLS, EHLO and
/// login happen once per connection, not once per message, so the queue's rate is not bound by the handshake.
/// </summary>
internal sealed class SmtpEmailProvider(IOptionsMonitor<SmtpOptions> options, SmtpConnectionPool pool) : IChannelProvider
{
    public string Name => ChannelProviderCatalog.Smtp;

    public NotificationChannel Channel => NotificationChannel.Email;

    public async Task<string> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var from = EmailMessages.ParseAddress(settings.From)!;
        var mime = EmailMessages.Build(message, from, Name);
        try
        {
            var connection = await pool.RentAsync(settings, ct);
            try
            {
                await SendOrDisposeAsync(connection, mime, ct);
            }
            catch (Exception ex) when (connection.Reused && IsConnectionLost(ex, ct))
            {
                // The relay closed an idle connection (its timeout, a restart) before our command: once more on a fresh one.
                connection = await pool.ConnectAsync(settings, ct);
                await SendOrDisposeAsync(connection, mime, ct);
            }

            await pool.ReturnAsync(connection);
            return mime.MessageId ?? message.DeliveryId.ToString();
        }
        catch (SmtpCommandException ex)
        {
            throw Rejected(ex);
        }
        catch (Exception ex) when (IsConnectionLost(ex, ct) || ex is AuthenticationException or SslHandshakeException or NotSupportedException)
        {
            // Connection trouble, a timeout, TLS or login failing: this relay's problem, not the message's.
            throw new ChannelProviderException(Name, $"{ex.GetType().Name}: {ex.Message}", transient: true, ex);
        }
    }

    /// <summary>A connection that failed is never reused: its state after the error is unknown.</summary>
    private static async Task SendOrDisposeAsync(SmtpConnection connection, MimeKit.MimeMessage mime, CancellationToken ct)
    {
        try
        {
            await connection.Client.SendAsync(mime, ct);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static bool IsConnectionLost(Exception ex, CancellationToken ct) =>
        ex is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException
        || (ex is OperationCanceledException && !ct.IsCancellationRequested);

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
