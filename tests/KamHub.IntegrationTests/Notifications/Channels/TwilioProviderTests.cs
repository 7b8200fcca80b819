using System.Text;
using static KamHub.IntegrationTests.Notifications.Channels.ChannelSettings;

namespace KamHub.IntegrationTests.Notifications.Channels;

public sealed class TwilioProviderTests
{
    private static Dictionary<string, string?> Twilio(FakeProviderServer fake) => Route("Sms", "twilio")
        .And(Provider("Twilio", ("AccountSid", "AC0123"), ("AuthToken", "tw-token"), ("From", "+15005550006"), ("ApiBase", fake.BaseAddress.ToString())));

    [Fact]
    public async Task SendAsync_WhenTwilioAccepts_PostsFormWithBasicAuthAndReturnsTheSid()
    {
        await using var fake = await FakeProviderServer.StartAsync((_, r) => FakeProviderServer.Json(r, 201, """{"sid":"SM42","status":"queued"}"""));
        await using var host = await ChannelTestHost.StartAsync(Twilio(fake));
        var message = Messages.Sms();

        var outcome = await host.Sender.SendAsync(message, CancellationToken.None);

        Assert.True(outcome.Sent, outcome.Error);
        Assert.Equal(("twilio", "SM42"), (outcome.Provider, outcome.ProviderMessageId));
        var request = Assert.Single(fake.Requests);
        Assert.Equal(("POST", "/2010-04-01/Accounts/AC0123/Messages.json"), (request.Method, request.Path));
        Assert.StartsWith("application/x-www-form-urlencoded", request.Header("Content-Type"));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("AC0123:tw-token")), request.Header("Authorization"));
        var form = request.Form();
        Assert.Equal("+79001234567", form["To"]);
        Assert.Equal("+15005550006", form["From"]);
        Assert.Equal(message.TextBody, form["Body"]);
    }

    [Fact]
    public async Task SendAsync_WhenTwilioSaysTheNumberIsInvalid_PermanentFailureWithTwilioCode()
    {
        await using var fake = await FakeProviderServer.StartAsync((_, r) => FakeProviderServer.Json(r, 400,
            """{"code":21211,"message":"The 'To' number 123 is not a valid phone number.","more_info":"https://www.twilio.com/docs/errors/21211","status":400}"""));
        await using var host = await ChannelTestHost.StartAsync(Twilio(fake));

        var outcome = await host.Sender.SendAsync(Messages.Sms("123"), CancellationToken.None);

        Assert.False(outcome.Sent);
        Assert.False(outcome.Retryable);
        Assert.Contains("Twilio error 21211", outcome.Error);
    }

    [Theory]
    [InlineData(429, """{"code":20429,"message":"Too Many Requests","status":429}""")]
    [InlineData(500, "<html>Internal Server Error</html>")]
    public async Task SendAsync_WhenTwilioIsOverloadedOrBroken_FailureIsRetryable(int status, string body)
    {
        await using var fake = await FakeProviderServer.StartAsync((_, r) => FakeProviderServer.Json(r, status, body));
        await using var host = await ChannelTestHost.StartAsync(Twilio(fake));

        var outcome = await host.Sender.SendAsync(Messages.Sms(), CancellationToken.None);

        Assert.False(outcome.Sent);
        Assert.True(outcome.Retryable);
        Assert.Contains($"HTTP {status}", outcome.Error);
    }
}
