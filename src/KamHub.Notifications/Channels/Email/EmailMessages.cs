using MimeKit;

namespace KamHub.Notifications.Channels.Email;

/// <summary>Builds the MIME message the SMTP and file providers send or write: text and HTML alternatives, a stable Message-Id.</summary>
internal static class EmailMessages
{
    public static MimeMessage Build(OutgoingMessage message, MailboxAddress from, string provider)
    {
        if (!MailboxAddress.TryParse(message.Recipient, out var to))
            throw new ChannelProviderException(provider, $"'{message.Recipient}' is not an e-mail address", transient: false);
        if (!string.IsNullOrWhiteSpace(message.RecipientName)) to.Name = message.RecipientName;

        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        var mime = new MimeMessage
        {
            Subject = message.Subject ?? string.Empty,
            Body = body.ToMessageBody(),
            // The delivery id in the Message-Id lets anyone match a mailbox copy to its delivery record.
            MessageId = $"{message.DeliveryId:N}@{DomainOf(from.Address)}",
        };
        mime.From.Add(from);
        mime.To.Add(to);
        mime.Headers.Add("X-KamHub-Delivery-Id", message.DeliveryId.ToString());
        return mime;
    }

    /// <summary>"Name &lt;user@host&gt;" or a bare address; null when it is neither.</summary>
    public static MailboxAddress? ParseAddress(string? value) =>
        !string.IsNullOrWhiteSpace(value) && MailboxAddress.TryParse(value, out var address) && address.Address.Contains('@', StringComparison.Ordinal)
            ? address
            : null;

    private static string DomainOf(string address)
    {
        var at = address.LastIndexOf('@');
        return at >= 0 && at < address.Length - 1 ? address[(at + 1)..] : "kamhub.local";
    }
}
