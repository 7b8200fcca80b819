using System.Text.Json.Nodes;
using static KamHub.IntegrationTests.Notifications.Channels.ChannelSettings;

namespace KamHub.IntegrationTests.Notifications.Channels;

public sealed class SmsRuProviderTests
{
    private static Dictionary<string, string?> SmsRu(FakeProviderServer fake) => Route("Sms", "smsru")
        .And(Provider("SmsRu", ("ApiId", "api-0001"), ("From", "KamHub"), ("ApiBase", fake.BaseAddress.ToString())));

    private static string PerNumber(string status, int code, string? smsId = null, string? text = null)
    {
        var number = new JsonObject { ["status"] = status, ["status_code"] = code, ["sms_id"] = smsId, ["status_text"] = text };
        return new JsonObject
        {
            ["status"] = "OK", ["status_code"] = 100, ["sms"] = new JsonObject { ["79001234567"] = number }, ["balance"] = 4122.56,
        }.ToJsonString();
    }

    [Fact]
    public async Task SendAsync_WhenSmsRuAccepts_PostsApiIdNumberAndTextAndReturnsTheSmsId()
    {
        await using var fake = await FakeProviderServer.StartAsync((_, r) => FakeProviderServer.Json(r, 200, PerNumber("OK", 100, "000000-10000000")));
        await using var host = await ChannelTestHost.StartAsync(SmsRu(fake));
        var message = Messages.Sms();

        var outcome = await host.Sender.SendAsync(message, CancellationToken.None);

        Assert.True(outcome.Sent, outcome.Error);
        Assert.Equal("000000-10000000", outcome.ProviderMessageId);
        var request = Assert.Single(fake.Requests);
        Assert.Equal(("POST", "/sms/send"), (request.Method, request.Path));
        var form = request.Form();
        Assert.Equal("api-0001", form["api_id"]);
        Assert.Equal("79001234567", form["to"]);
        Assert.Equal(message.TextBody, form["msg"]);
        Assert.Equal("1", form["json"]);
        Assert.Equal("KamHub", form["from"]);
    }

    [Fact]
    public async Task SendAsync_WhenSmsRuRefusesTheNumber_PermanentFailureWithItsCode()
    {
        await using var fake = await FakeProviderServer.StartAsync((_, r) => FakeProviderServer.Json(r, 200, PerNumber("ERROR", 202, text: "Неправильно указан номер")));
        await using var host = await ChannelTestHost.StartAsync(SmsRu(fake));

        var outcome = await host.Sender.SendAsync(Messages.Sms(), CancellationToken.None);

        Assert.False(outcome.Sent);
        Assert.False(outcome.Retryable);
        Assert.Contains("SMS.ru 202", outcome.Error);
    }

    [Theory]
    [InlineData("""{"status":"ERROR","status_code":220,"status_text":"Сервис временно недоступен"}""")]
    [InlineData("""{"status":"ERROR","status_code":201,"status_text":"Не хватает средств на лицевом счету"}""")]
    public async Task SendAsync_WhenSmsRuFailsTheWholeRequest_FailureIsRetryable(string body)
    {
        await using var fake = await FakeProviderServer.StartAsync((_, r) => FakeProviderServer.Json(r, 200, body));
        await using var host = await ChannelTestHost.StartAsync(SmsRu(fake));

        var outcome = await host.Sender.SendAsync(Messages.Sms(), CancellationToken.None);

        Assert.False(outcome.Sent);
        Assert.True(outcome.Retryable);
        Assert.StartsWith("smsru: SMS.ru 2", outcome.Error);
    }
}
