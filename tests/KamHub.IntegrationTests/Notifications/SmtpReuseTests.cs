using System.Globalization;
using KamHub.IntegrationTests.Notifications.Fakes;
using KamHub.Notifications.Data;

namespace KamHub.IntegrationTests.Notifications;

/// <summary>The worker sending e-mail through the real SMTP provider: one connection for many messages, and a dropped one replaced.</summary>
public sealed class SmtpReuseTests : IAsyncLifetime
{
    private SmtpTestServer _smtp = null!;
    private NotificationsFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartAsync();
        _factory = new NotificationsFactory(realChannels: true);
        _factory.With("KamHub:Notifications:Channels:Email:Providers:0", "smtp")
            .With("KamHub:Notifications:Providers:Smtp:Host", _smtp.Host)
            .With("KamHub:Notifications:Providers:Smtp:Port", _smtp.Port.ToString(CultureInfo.InvariantCulture))
            .With("KamHub:Notifications:Providers:Smtp:Security", "None")
            .With("KamHub:Notifications:Providers:Smtp:From", "KamHub <noreply@kamhub.test>");
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task Worker_WhenSendingSeveralEmails_UsesOneSmtpConnectionForAll()
    {
        for (var i = 0; i < 6; i++) await _factory.QueueEmailAsync($"reuse{i}@example.com", "reuse");

        await _factory.SendDueAsync();

        Assert.Equal(6, _smtp.Messages.Count);
        Assert.Equal(1, _smtp.Connections);
        Assert.All(await _factory.DeliveriesAsync(q => q.Where(d => d.NotificationKey == "reuse")), d => Assert.Equal((DeliveryStatus.Sent, "smtp"), (d.Status, d.Provider)));
    }

    [Fact]
    public async Task Worker_WhenTheRelayDroppedTheIdleConnection_ReconnectsAndSendsOnTheFirstAttempt()
    {
        await _factory.QueueEmailAsync("before@example.com", "drop");
        await _factory.SendDueAsync();
        Assert.Single(_smtp.Messages);

        _smtp.DropConnections();
        await _factory.QueueEmailAsync("after1@example.com", "drop");
        await _factory.QueueEmailAsync("after2@example.com", "drop");
        await _factory.SendDueAsync();

        Assert.Equal(3, _smtp.Messages.Count);
        Assert.Equal(2, _smtp.Connections);
        Assert.All(await _factory.DeliveriesAsync(q => q.Where(d => d.NotificationKey == "drop")), d => Assert.Equal((DeliveryStatus.Sent, 1), (d.Status, d.Attempts)));
    }
}
