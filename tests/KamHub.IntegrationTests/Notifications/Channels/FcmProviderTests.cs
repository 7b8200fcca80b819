using System.Text.Json.Nodes;
using static KamHub.IntegrationTests.Notifications.Channels.ChannelSettings;

namespace KamHub.IntegrationTests.Notifications.Channels;

public sealed class FcmProviderTests
{
    private static Dictionary<string, string?> Fcm(FakeGoogle google) => Route("Push", "fcm")
        .And(Provider("Fcm", ("ServiceAccountJson", google.ServiceAccountJson), ("TokenUri", google.TokenUri.ToString()),
            ("ApiBase", google.Server.BaseAddress.ToString())));

    [Fact]
    public async Task SendAsync_WhenTwoMessagesGo_OneSignedTokenExchangeServesBoth()
    {
        await using var google = await FakeGoogle.StartAsync();
        await using var host = await ChannelTestHost.StartAsync(Fcm(google));
        var message = Messages.Push();

        var first = await host.Sender.SendAsync(message, CancellationToken.None);
        var second = await host.Sender.SendAsync(Messages.Push("device-token-2"), CancellationToken.None);

        Assert.True(first.Sent, first.Error);
        Assert.True(second.Sent, second.Error);
        Assert.Equal("projects/kamhub-test/messages/0:1500", first.ProviderMessageId);
        Assert.Equal(1, google.TokensIssued);
        var sends = google.Sends.ToList();
        Assert.Equal(2, sends.Count);
        Assert.All(sends, s => Assert.Equal("Bearer ya29.fake-1", s.Header("Authorization")));
        Assert.Equal(("POST", "/v1/projects/kamhub-test/messages:send"), (sends[0].Method, sends[0].Path));
        var fcm = JsonNode.Parse(sends[0].Body)!["message"]!;
        Assert.Equal("device-token-1", fcm["token"]!.GetValue<string>());
        Assert.Equal(message.Subject, fcm["notification"]!["title"]!.GetValue<string>());
        Assert.Equal(message.TextBody, fcm["notification"]!["body"]!.GetValue<string>());
        Assert.Equal("KH-2041", fcm["data"]!["bookingId"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(404, "UNREGISTERED", false)]
    [InlineData(400, "INVALID_ARGUMENT", false)]
    [InlineData(503, "UNAVAILABLE", true)]
    [InlineData(429, "QUOTA_EXCEEDED", true)]
    public async Task SendAsync_WhenFcmAnswersAnError_ItsCodeDecidesWhetherToRetry(int status, string code, bool retryable)
    {
        await using var google = await FakeGoogle.StartAsync();
        var detail = new JsonObject { ["@type"] = "type.googleapis.com/google.firebase.fcm.v1.FcmError", ["errorCode"] = code };
        var error = new JsonObject { ["code"] = status, ["message"] = "Requested entity was not found.", ["status"] = "NOT_FOUND", ["details"] = new JsonArray(detail) };
        google.Fcm = r => FakeProviderServer.Json(r, status, new JsonObject { ["error"] = error }.ToJsonString());
        await using var host = await ChannelTestHost.StartAsync(Fcm(google));

        var outcome = await host.Sender.SendAsync(Messages.Push(), CancellationToken.None);

        Assert.False(outcome.Sent);
        Assert.Equal(retryable, outcome.Retryable);
        Assert.Contains(code, outcome.Error);
    }

    [Fact]
    public async Task SendAsync_WhenTheTokenEndpointRefusesTheKey_NothingIsSentAndTheFailureIsRetryable()
    {
        await using var google = await FakeGoogle.StartAsync();
        google.Token = r => FakeProviderServer.Json(r, 400, """{"error":"invalid_grant","error_description":"Invalid JWT Signature."}""");
        await using var host = await ChannelTestHost.StartAsync(Fcm(google));

        var outcome = await host.Sender.SendAsync(Messages.Push(), CancellationToken.None);

        Assert.False(outcome.Sent);
        Assert.True(outcome.Retryable);
        Assert.Contains("invalid_grant", outcome.Error);
        Assert.Empty(google.Sends);
    }
}
