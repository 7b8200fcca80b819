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
    [InlineData(404, "UNREGISTERED", false, true)]
    [InlineData(400, "INVALID_ARGUMENT", false, false)]
    [InlineData(503, "UNAVAILABLE", true, false)]
    [InlineData(429, "QUOTA_EXCEEDED", true, false)]
    public async Task SendAsync_WhenFcmAnswersAnError_ItsCodeDecidesWhetherToRetryAndWhetherTheTokenIsGone(int status, string code, bool retryable, bool gone)
    {
        await using var google = await FakeGoogle.StartAsync();
        var detail = new JsonObject { ["@type"] = "type.googleapis.com/google.firebase.fcm.v1.FcmError", ["errorCode"] = code };
        var error = new JsonObject { ["code"] = status, ["message"] = "Requested entity was not found.", ["status"] = "NOT_FOUND", ["details"] = new JsonArray(detail) };
        google.Fcm = r => FakeProviderServer.Json(r, status, new JsonObject { ["error"] = error }.ToJsonString());
        await using var host = await ChannelTestHost.StartAsync(Fcm(google));

        var outcome = await host.Sender.SendAsync(Messages.Push(), CancellationToken.None);

        Assert.False(outcome.Sent);
        Assert.Equal(retryable, outcome.Retryable);
        Assert.Equal(gone, outcome.RecipientGone);
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

public sealed class PushPlatformRoutingTests
{
    [Fact]
    public async Task SendAsync_WhenTheDeviceIsAnApnsOne_SkipsFcmAndSendsThroughApnsAlone()
    {
        await using var google = await FakeGoogle.StartAsync();
        await using var apple = await FakeProviderServer.StartAsync((r, resp) => FakeProviderServer.Json(resp, 200, "", ("apns-id", r.Header("apns-id") ?? "x")),
            http2Only: true);
        var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var settings = Route("Push", "fcm", "apns")
            .And(Provider("Fcm", ("ServiceAccountJson", google.ServiceAccountJson), ("TokenUri", google.TokenUri.ToString()), ("ApiBase", google.Server.BaseAddress.ToString())))
            .And(Provider("Apns", ("KeyId", "ABC123DEFG"), ("TeamId", "TEAM123456"), ("PrivateKey", key.ExportPkcs8PrivateKeyPem()), ("Topic", "ru.kamhub.app"),
                ("ApiBase", apple.BaseAddress.ToString())));
        await using var host = await ChannelTestHost.StartAsync(settings);

        var outcome = await host.Sender.SendAsync(Messages.Push("a1b2c3") with { Platform = "apns" }, CancellationToken.None);

        Assert.True(outcome.Sent, outcome.Error);
        Assert.Equal("apns", Assert.Single(outcome.Attempts).Provider);
        Assert.Empty(google.Sends);
        Assert.Single(apple.Requests);
    }
}
