using KamHub.IntegrationTests.Infrastructure;
using KamHub.IntegrationTests.Notifications.Fakes;
using static KamHub.IntegrationTests.Notifications.Channels.ChannelSettings;

namespace KamHub.IntegrationTests.Notifications.Channels;

public sealed class SmtpProviderTests
{
    private static Dictionary<string, string?> Smtp(int port, string? user = null, string? password = null) => Route("Email", "smtp", "file")
        .And(Provider("Smtp", ("Host", "127.0.0.1"), ("Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Security", "None"),
            ("User", user), ("Password", password), ("From", "KamHub <noreply@kamhub.test>"), ("Timeout", "00:00:10")));

    [Fact]
    public async Task SendAsync_WhenRelayAcceptsTheLogin_MessageArrivesWithSubjectTextAndHtml()
    {
        await using var smtp = await SmtpTestServer.StartAsync(new SmtpTestServerOptions { User = "kamhub", Password = "s3cret" });
        await using var host = await ChannelTestHost.StartAsync(Smtp(smtp.Port, "kamhub", "s3cret"));
        var message = Messages.Email();

        var outcome = await host.Sender.SendAsync(message, CancellationToken.None);

        Assert.True(outcome.Sent, outcome.Error);
        Assert.Equal("smtp", outcome.Provider);
        var received = await smtp.WaitForAsync(m => m.Recipients.Contains("anna@example.com"));
        Assert.Equal("Бронирование KH-2041 подтверждено", received.Subject);
        Assert.Contains("«Вулканы» 24 ноября", received.TextBody);
        Assert.Contains("<b>«Вулканы»</b>", received.HtmlBody);
        Assert.Equal("kamhub", received.AuthenticatedUser);
        Assert.Equal("noreply@kamhub.test", received.From);
        Assert.Equal("Анна Петрова", received.Message.To.Mailboxes.Single().Name);
        Assert.Equal(outcome.ProviderMessageId, received.Message.MessageId);
        Assert.Equal(message.DeliveryId.ToString(), received.Message.Headers["X-KamHub-Delivery-Id"]);
    }

    [Fact]
    public async Task SendAsync_WhenRelayRefusesTheRecipient_RejectedForGoodWithoutFailover()
    {
        await using var smtp = await SmtpTestServer.StartAsync(new SmtpTestServerOptions { RecipientReply = _ => "550 5.1.1 No such user here" });
        await using var host = await ChannelTestHost.StartAsync(Smtp(smtp.Port));

        var outcome = await host.Sender.SendAsync(Messages.Email("nobody@example.com"), CancellationToken.None);

        Assert.False(outcome.Sent);
        Assert.False(outcome.Retryable);
        Assert.Equal("smtp", Assert.Single(outcome.Attempts).Provider);
        Assert.Contains("550", outcome.Error);
        Assert.False(Directory.Exists(Path.Combine(host.DataDir, "outbox", "email")));
    }

    [Fact]
    public async Task SendAsync_WhenRelayDefersTheRecipient_NextProviderSends()
    {
        await using var smtp = await SmtpTestServer.StartAsync(new SmtpTestServerOptions { RecipientReply = _ => "451 4.3.0 Mailbox busy, try later" });
        await using var host = await ChannelTestHost.StartAsync(Smtp(smtp.Port));

        var outcome = await host.Sender.SendAsync(Messages.Email(), CancellationToken.None);

        Assert.True(outcome.Sent);
        Assert.Equal("file", outcome.Provider);
        Assert.Collection(outcome.Attempts,
            a => { Assert.Equal("smtp", a.Provider); Assert.Contains("451", a.Error); },
            a => { Assert.Equal("file", a.Provider); Assert.Null(a.Error); });
    }

    [Fact]
    public async Task SendAsync_WhenRelayIsNotListening_ConnectionFailureFailsOver()
    {
        await using var host = await ChannelTestHost.StartAsync(Smtp(LoopbackPorts.Free()));

        var outcome = await host.Sender.SendAsync(Messages.Email(), CancellationToken.None);

        Assert.True(outcome.Sent);
        Assert.Equal("file", outcome.Provider);
        Assert.Equal("smtp", outcome.Attempts[0].Provider);
        Assert.NotNull(outcome.Attempts[0].Error);
    }
}
