using System.Net;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Identity;

public sealed class LoginThrottleTests : IDisposable
{
    private readonly KamHubFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Login_WhenAccountHadTooManyFailures_Returns429WithRetryAfterEvenForRightPassword()
    {
        var client = _factory.CreateClient();
        var email = IdentityApi.NewEmail();
        (await client.RegisterAsync(email)).EnsureSuccessStatusCode();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync(email, "Wrong-Password-123")).StatusCode);

        var response = await client.LoginAsync(email);

        IdentityApi.AssertProblem(response, HttpStatusCode.TooManyRequests);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        // Other accounts are not locked by it.
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(KamHubFactory.AdminEmail, KamHubFactory.AdminPassword)).StatusCode);
    }

    [Fact]
    public async Task Login_WhenAddressHadTooManyFailuresAcrossAccounts_Returns429()
    {
        _factory.With("KamHub:Identity:MaxFailuresPerIp", "3");
        var client = _factory.CreateClient();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync(IdentityApi.NewEmail(), "Wrong-Password-123")).StatusCode);

        var response = await client.LoginAsync(KamHubFactory.AdminEmail, KamHubFactory.AdminPassword);

        IdentityApi.AssertProblem(response, HttpStatusCode.TooManyRequests);
        Assert.NotNull(response.Headers.RetryAfter);
    }
}
