using System.Net;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Identity;

public sealed class LoginTests : IDisposable
{
    private readonly KamHubFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Login_WhenCorrect_ReturnsTokensAndExpiry()
    {
        var response = await _factory.CreateClient().LoginAsync(KamHubFactory.AdminEmail, KamHubFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.False(string.IsNullOrEmpty(body.GetProperty("accessToken").GetString()));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("refreshToken").GetString()));
        Assert.True(body.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Login_WhenWrongPassword_Returns401Problem()
    {
        var response = await _factory.CreateClient().LoginAsync(KamHubFactory.AdminEmail, "Wrong-Password-123");

        IdentityApi.AssertProblem(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Login_WhenUnknownEmail_AnswersExactlyLikeWrongPassword()
    {
        var client = _factory.CreateClient();
        var wrong = await client.LoginAsync(KamHubFactory.AdminEmail, "Wrong-Password-123");
        var unknown = await client.LoginAsync(IdentityApi.NewEmail(), "Wrong-Password-123");

        IdentityApi.AssertProblem(unknown, HttpStatusCode.Unauthorized);
        Assert.Equal((await wrong.JsonAsync()).GetProperty("detail").GetString(), (await unknown.JsonAsync()).GetProperty("detail").GetString());
    }
}
