using System.Net;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Identity;

public sealed class RefreshTests : IDisposable
{
    private readonly KamHubFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Refresh_WhenValid_ReturnsWorkingNewPair()
    {
        var client = _factory.CreateClient();
        var (_, refresh) = await (await client.LoginAsync(KamHubFactory.AdminEmail, KamHubFactory.AdminPassword)).TokensAsync();

        var (access, newRefresh) = await (await client.RefreshAsync(refresh)).TokensAsync();

        Assert.NotEqual(refresh, newRefresh);
        Assert.Equal(HttpStatusCode.OK, (await _factory.CreateClient().WithToken(access).GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Refresh_WhenTokenAlreadyRotated_Returns401AndRevokesTheChain()
    {
        var client = _factory.CreateClient();
        var (_, first) = await (await client.LoginAsync(KamHubFactory.AdminEmail, KamHubFactory.AdminPassword)).TokensAsync();
        var (_, second) = await (await client.RefreshAsync(first)).TokensAsync();

        IdentityApi.AssertProblem(await client.RefreshAsync(first), HttpStatusCode.Unauthorized);
        // Reuse means the token leaked, so the newer one dies too.
        IdentityApi.AssertProblem(await client.RefreshAsync(second), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refresh_WhenGarbage_Returns401Problem()
    {
        IdentityApi.AssertProblem(await _factory.CreateClient().RefreshAsync("not-a-token"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refresh_WhenRefreshTokenOutlivedItsDays_Returns401Problem()
    {
        using var factory = new ClockedKamHubFactory();
        factory.With("KamHub:Jwt:RefreshTokenDays", "30");
        var client = factory.CreateClient();
        var (_, refresh) = await (await client.LoginAsync(KamHubFactory.AdminEmail, KamHubFactory.AdminPassword)).TokensAsync();

        factory.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));

        IdentityApi.AssertProblem(await client.RefreshAsync(refresh), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refresh_WhenOneOfTheUsersSessionsReusesARotatedToken_RevokesTheOtherSessionsToo()
    {
        var client = _factory.CreateClient();
        var (_, phone) = await (await client.LoginAsync(KamHubFactory.AdminEmail, KamHubFactory.AdminPassword)).TokensAsync();
        var (_, laptop) = await (await client.LoginAsync(KamHubFactory.AdminEmail, KamHubFactory.AdminPassword)).TokensAsync();
        await (await client.RefreshAsync(phone)).TokensAsync();

        IdentityApi.AssertProblem(await client.RefreshAsync(phone), HttpStatusCode.Unauthorized);

        // Theft is assumed, and which session leaked is unknown: every session of the user signs in again.
        IdentityApi.AssertProblem(await client.RefreshAsync(laptop), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(KamHubFactory.AdminEmail, KamHubFactory.AdminPassword)).StatusCode);
    }
}
