using System.Text.Json.Nodes;
using static KamHub.IntegrationTests.Notifications.Channels.ChannelSettings;

namespace KamHub.IntegrationTests.Notifications.Channels;

public sealed class SendGridProviderTests
{
    private static Dictionary<string, string?> SendGrid(FakeProviderServer fake) => Route("Email", "sendgrid")
        .And(Provider("SendGrid", ("ApiKey", "SG.test-key"), ("From", "KamHub <noreply@kamhub.test>"), ("ApiBase", fake.BaseAddress.ToString())));

    [Fact]
    public async Task SendAsync_WhenSendGridAccepts_PostsV3MailWithBearerKeyAndReturnsItsMessageId()
    {
        await using var fake = await FakeProviderServer.StartAsync((_, r) => FakeProviderServer.Json(r, 202, "", ("X-Message-Id", "sg-msg-1")));
        await using var host = await ChannelTestHost.StartAsync(SendGrid(fake));
        var message = Messages.Email();

        var outcome = await host.Sender.SendAsync(message, CancellationToken.None);

        Assert.True(outcome.Sent, outcome.Error);
        Assert.Equal("sg-msg-1", outcome.ProviderMessageId);
        var request = Assert.Single(fake.Requests);
        Assert.Equal(("POST", "/v3/mail/send"), (request.Method, request.Path));
        Assert.Equal("Bearer SG.test-key", request.Header("Authorization"));
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("anna@example.com", body["personalizations"]![0]!["to"]![0]!["email"]!.GetValue<string>());
        Assert.Equal(message.DeliveryId.ToString(), body["personalizations"]![0]!["custom_args"]!["delivery_id"]!.GetValue<string>());
        Assert.Equal("noreply@kamhub.test", body["from"]!["email"]!.GetValue<string>());
        Assert.Equal("KamHub", body["from"]!["name"]!.GetValue<string>());
        Assert.Equal(message.Subject, body["subject"]!.GetValue<string>());
        Assert.Equal(["text/plain", "text/html"], body["content"]!.AsArray().Select(c => c!["type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task SendAsync_WhenSendGridRejectsTheMessage_PermanentFailureNamesTheField()
    {
        await using var fake = await FakeProviderServer.StartAsync((_, r) => FakeProviderServer.Json(r, 400,
            """{"errors":[{"message":"Does not contain a valid address.","field":"personalizations.0.to.0.email","help":null}]}"""));
        await using var host = await ChannelTestHost.StartAsync(SendGrid(fake));

        var outcome = await host.Sender.SendAsync(Messages.Email("anna@example"), CancellationToken.None);

        Assert.False(outcome.Sent);
        Assert.False(outcome.Retryable);
        Assert.Contains("personalizations.0.to.0.email: Does not contain a valid address.", outcome.Error);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(429)]
    [InlineData(401)]
    public async Task SendAsync_WhenSendGridFailsOnItsSide_FailureIsRetryable(int status)
    {
        await using var fake = await FakeProviderServer.StartAsync((_, r) => FakeProviderServer.Json(r, status, """{"errors":[{"message":"oops"}]}"""));
        await using var host = await ChannelTestHost.StartAsync(SendGrid(fake));

        var outcome = await host.Sender.SendAsync(Messages.Email(), CancellationToken.None);

        Assert.False(outcome.Sent);
        Assert.True(outcome.Retryable);
        Assert.Contains($"HTTP {status}", outcome.Error);
        Assert.Single(fake.Requests);
    }
}
