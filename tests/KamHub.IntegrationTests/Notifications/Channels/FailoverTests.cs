using KamHub.IntegrationTests.Notifications.Fakes;
using static KamHub.IntegrationTests.Notifications.Channels.ChannelSettings;

namespace KamHub.IntegrationTests.Notifications.Channels;

/// <summary>Mostly SMS through Twilio first and SMS.ru second, both played by fakes; one e-mail case from SendGrid to SMTP.</summary>
public sealed class FailoverTests
{
    private const string SmsRuAccepted = """{"status":"OK","status_code":100,"sms":{"79001234567":{"status":"OK","status_code":100,"sms_id":"ru-1"}}}""";

    private static Dictionary<string, string?> TwilioThenSmsRu(FakeProviderServer twilio, FakeProviderServer smsRu) => Route("Sms", "twilio", "smsru")
        .And(Provider("Twilio", ("AccountSid", "AC0123"), ("AuthToken", "tw-token"), ("From", "+15005550006"), ("ApiBase", twilio.BaseAddress.ToString())))
        .And(FastResilience("Twilio"))
        .And(Provider("SmsRu", ("ApiId", "api-0001"), ("ApiBase", smsRu.BaseAddress.ToString())));

    private static Task<FakeProviderServer> SmsRu() => FakeProviderServer.StartAsync((_, r) => FakeProviderServer.Json(r, 200, SmsRuAccepted));

    [Fact]
    public async Task SendAsync_WhenThePrimaryAnswers500_TheSecondarySendsAndTheOutcomeNamesIt()
    {
        await using var twilio = await FakeProviderServer.StartAsync((_, r) => FakeProviderServer.Json(r, 500, """{"code":20500,"message":"Internal Server Error"}"""));
        await using var smsRu = await SmsRu();
        await using var host = await ChannelTestHost.StartAsync(TwilioThenSmsRu(twilio, smsRu));

        var outcome = await host.Sender.SendAsync(Messages.Sms(), CancellationToken.None);

        Assert.True(outcome.Sent);
        Assert.Equal(("smsru", "ru-1"), (outcome.Provider, outcome.ProviderMessageId));
        Assert.Collection(outcome.Attempts,
            a => Assert.Equal(("twilio", "twilio: HTTP 500: Twilio error 20500: Internal Server Error"), (a.Provider, a.Error)),
            a => Assert.Equal(("smsru", (string?)null), (a.Provider, a.Error)));
        Assert.Single(twilio.Requests);
        Assert.Single(smsRu.Requests);
    }

    [Fact]
    public async Task SendAsync_WhenThePrimaryNeverAnswers_ItsTimeoutHandsOverToTheSecondary()
    {
        await using var twilio = await FakeProviderServer.StartAsync((_, r) => FakeProviderServer.Hang(r));
        await using var smsRu = await SmsRu();
        await using var host = await ChannelTestHost.StartAsync(TwilioThenSmsRu(twilio, smsRu));

        var outcome = await host.Sender.SendAsync(Messages.Sms(), CancellationToken.None);

        Assert.True(outcome.Sent);
        Assert.Equal("smsru", outcome.Provider);
        Assert.Contains("timed out", outcome.Attempts[0].Error);
    }

    [Fact]
    public async Task SendAsync_WhenThePrimaryKeepsFailing_ItsOpenCircuitSkipsItWithoutARequest()
    {
        await using var twilio = await FakeProviderServer.StartAsync((_, r) => FakeProviderServer.Json(r, 503, "{}"));
        await using var smsRu = await SmsRu();
        await using var host = await ChannelTestHost.StartAsync(TwilioThenSmsRu(twilio, smsRu));

        for (var i = 0; i < 2; i++) await host.Sender.SendAsync(Messages.Sms(), CancellationToken.None);
        // On a loaded machine the 500 ms attempt timeout can fire before a request reaches the fake, so the count of
        // requests that got there before the circuit opened is 1 or 2; what matters is that the open circuit adds none.
        var twilioRequestsBefore = twilio.Requests.Count;
        var outcome = await host.Sender.SendAsync(Messages.Sms(), CancellationToken.None);

        Assert.True(outcome.Sent);
        Assert.Equal("smsru", outcome.Provider);
        Assert.Contains("circuit open", outcome.Attempts[0].Error);
        Assert.InRange(twilioRequestsBefore, 1, 2);
        Assert.Equal(twilioRequestsBefore, twilio.Requests.Count);
        Assert.Equal(3, smsRu.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_WhenThePrimaryRejectsTheMessage_NoOtherProviderIsTried()
    {
        await using var twilio = await FakeProviderServer.StartAsync((_, r) => FakeProviderServer.Json(r, 400,
            """{"code":21610,"message":"Attempt to send to unsubscribed recipient","status":400}"""));
        await using var smsRu = await SmsRu();
        await using var host = await ChannelTestHost.StartAsync(TwilioThenSmsRu(twilio, smsRu));

        var outcome = await host.Sender.SendAsync(Messages.Sms(), CancellationToken.None);

        Assert.False(outcome.Sent);
        Assert.False(outcome.Retryable);
        Assert.Equal("twilio", outcome.Provider);
        Assert.Single(outcome.Attempts);
        Assert.Empty(smsRu.Requests);
    }

    [Fact]
    public async Task SendAsync_WhenEveryProviderFailsTransiently_TheQueueMayRetryAndSeesEachAttempt()
    {
        await using var twilio = await FakeProviderServer.StartAsync((_, r) => FakeProviderServer.Json(r, 429, "{}"));
        await using var smsRu = await FakeProviderServer.StartAsync((_, r) => FakeProviderServer.Json(r, 502, "<html>Bad Gateway</html>"));
        await using var host = await ChannelTestHost.StartAsync(TwilioThenSmsRu(twilio, smsRu));

        var outcome = await host.Sender.SendAsync(Messages.Sms(), CancellationToken.None);

        Assert.False(outcome.Sent);
        Assert.True(outcome.Retryable);
        Assert.Equal("smsru", outcome.Provider);
        Assert.Equal(["twilio", "smsru"], outcome.Attempts.Select(a => a.Provider));
        Assert.All(outcome.Attempts, a => Assert.NotNull(a.Error));
    }

    [Fact]
    public async Task SendAsync_WhenSendGridAnswers503_TheMessageArrivesThroughSmtp()
    {
        await using var sendGrid = await FakeProviderServer.StartAsync((_, r) => FakeProviderServer.Json(r, 503, "{}"));
        await using var smtp = await SmtpTestServer.StartAsync();
        var settings = Route("Email", "sendgrid", "smtp")
            .And(Provider("SendGrid", ("ApiKey", "k"), ("From", "noreply@kamhub.test"), ("ApiBase", sendGrid.BaseAddress.ToString())))
            .And(Provider("Smtp", ("Host", smtp.Host), ("Port", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Security", "None"),
                ("From", "noreply@kamhub.test")));
        await using var host = await ChannelTestHost.StartAsync(settings);
        var message = Messages.Email();

        var outcome = await host.Sender.SendAsync(message, CancellationToken.None);

        Assert.Equal("smtp", outcome.Provider);
        Assert.Equal(["sendgrid", "smtp"], outcome.Attempts.Select(a => a.Provider));
        var received = await smtp.WaitForAsync(m => m.Message.Headers["X-KamHub-Delivery-Id"] == message.DeliveryId.ToString());
        Assert.Equal(message.Subject, received.Subject);
    }
}
