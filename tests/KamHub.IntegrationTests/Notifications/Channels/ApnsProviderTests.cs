using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using static KamHub.IntegrationTests.Notifications.Channels.ChannelSettings;

namespace KamHub.IntegrationTests.Notifications.Channels;

public sealed class ApnsProviderTests
{
    private static readonly ECDsa Key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private static Dictionary<string, string?> Apns(FakeProviderServer fake) => Route("Push", "apns")
        .And(Provider("Apns", ("KeyId", "ABC123DEFG"), ("TeamId", "TEAM123456"), ("PrivateKey", Key.ExportPkcs8PrivateKeyPem()),
            ("Topic", "ru.kamhub.app"), ("ApiBase", fake.BaseAddress.ToString())));

    /// <summary>Apple's side of token auth: ES256 over header.claims with the team's key, kid and iss as configured.</summary>
    private static bool IsValidProviderToken(RecordedRequest request)
    {
        var authorization = request.Header("authorization") ?? "";
        if (!authorization.StartsWith("bearer ", StringComparison.Ordinal)) return false;
        var jwt = TestJwt.Parse(authorization["bearer ".Length..]);
        return jwt.Header["alg"]?.GetValue<string>() == "ES256" && jwt.Header["kid"]?.GetValue<string>() == "ABC123DEFG"
               && jwt.Claims["iss"]?.GetValue<string>() == "TEAM123456" && jwt.Claims["iat"] is not null
               && Key.VerifyData(jwt.SigningInput, jwt.Signature, HashAlgorithmName.SHA256);
    }

    private static Task Accept(RecordedRequest request, HttpResponse response) => IsValidProviderToken(request)
        ? FakeProviderServer.Json(response, 200, "", ("apns-id", request.Header("apns-id") ?? "none"))
        : FakeProviderServer.Json(response, 403, """{"reason":"InvalidProviderToken"}""");

    [Fact]
    public async Task SendAsync_WhenApnsAccepts_PostsOverHttp2WithASignedProviderTokenTopicAndPushType()
    {
        await using var fake = await FakeProviderServer.StartAsync(Accept, http2Only: true);
        await using var host = await ChannelTestHost.StartAsync(Apns(fake));
        var message = Messages.Push("a1b2c3");

        var outcome = await host.Sender.SendAsync(message, CancellationToken.None);

        Assert.True(outcome.Sent, outcome.Error);
        Assert.Equal(message.DeliveryId.ToString(), outcome.ProviderMessageId);
        var request = Assert.Single(fake.Requests);
        Assert.Equal(("HTTP/2", "POST", "/3/device/a1b2c3"), (request.Protocol, request.Method, request.Path));
        Assert.Equal("ru.kamhub.app", request.Header("apns-topic"));
        Assert.Equal("alert", request.Header("apns-push-type"));
        var payload = JsonNode.Parse(request.Body)!;
        Assert.Equal(message.Subject, payload["aps"]!["alert"]!["title"]!.GetValue<string>());
        Assert.Equal(message.TextBody, payload["aps"]!["alert"]!["body"]!.GetValue<string>());
        Assert.Equal("KH-2041", payload["bookingId"]!.GetValue<string>());
    }

    [Fact]
    public async Task SendAsync_WithinTheTokenLifetime_ReusesTheProviderTokenAndSignsANewOneAfterIt()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
        await using var fake = await FakeProviderServer.StartAsync(Accept, http2Only: true);
        await using var host = await ChannelTestHost.StartAsync(Apns(fake), clock);

        await host.Sender.SendAsync(Messages.Push(), CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(49));
        await host.Sender.SendAsync(Messages.Push(), CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(2));
        var late = await host.Sender.SendAsync(Messages.Push(), CancellationToken.None);

        Assert.True(late.Sent, late.Error);
        var tokens = fake.Requests.Select(r => r.Header("authorization")).ToList();
        Assert.Equal(tokens[0], tokens[1]);
        Assert.NotEqual(tokens[1], tokens[2]);
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds(), TestJwt.Parse(tokens[2]!["bearer ".Length..]).Claims["iat"]!.GetValue<long>());
    }

    [Theory]
    [InlineData(400, "BadDeviceToken", false, true)]
    [InlineData(410, "Unregistered", false, true)]
    [InlineData(400, "PayloadTooLarge", false, false)]
    [InlineData(429, "TooManyRequests", true, false)]
    [InlineData(503, "ServiceUnavailable", true, false)]
    [InlineData(403, "ExpiredProviderToken", true, false)]
    public async Task SendAsync_WhenApnsAnswersAReason_TheReasonDecidesWhetherToRetryAndWhetherTheTokenIsGone(int status, string reason, bool retryable, bool gone)
    {
        await using var fake = await FakeProviderServer.StartAsync(
            (_, r) => FakeProviderServer.Json(r, status, new JsonObject { ["reason"] = reason }.ToJsonString()), http2Only: true);
        await using var host = await ChannelTestHost.StartAsync(Apns(fake));

        var outcome = await host.Sender.SendAsync(Messages.Push(), CancellationToken.None);

        Assert.False(outcome.Sent);
        Assert.Equal(retryable, outcome.Retryable);
        Assert.Equal(gone, outcome.RecipientGone);
        Assert.Equal($"apns: HTTP {status}: {reason}", outcome.Error);
    }

    [Fact]
    public async Task SendAsync_AfterApnsCallsTheTokenExpired_TheNextSendSignsAFreshToken()
    {
        await using var fake = await FakeProviderServer.StartAsync(
            (_, r) => FakeProviderServer.Json(r, 403, """{"reason":"ExpiredProviderToken"}"""), http2Only: true);
        await using var host = await ChannelTestHost.StartAsync(Apns(fake));

        await host.Sender.SendAsync(Messages.Push(), CancellationToken.None);
        fake.Handler = Accept;
        var retry = await host.Sender.SendAsync(Messages.Push(), CancellationToken.None);

        Assert.True(retry.Sent, retry.Error);
        Assert.NotEqual(fake.Requests[0].Header("authorization"), fake.Requests[1].Header("authorization"));
    }
}
