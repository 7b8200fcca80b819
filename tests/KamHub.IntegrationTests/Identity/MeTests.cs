using System.Net;
using KamHub.Core.Security;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KamHub.IntegrationTests.Identity;

public sealed class MeTests : IDisposable
{
    private readonly KamHubFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Me_WhenNoToken_Returns401()
    {
        var response = await _factory.CreateClient().GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Me_WhenGarbageToken_Returns401()
    {
        var response = await _factory.CreateClient().WithToken("garbage.token.value").GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Me_WhenTokenExpired_Returns401()
    {
        var services = _factory.Services;
        var past = new FixedTimeProvider(DateTimeOffset.UtcNow.AddHours(-2));
        var tokens = new AccessTokens(services.GetRequiredService<SigningKeyProvider>(), services.GetRequiredService<IOptions<JwtOptions>>(), past);
        var (token, _) = tokens.Issue(Guid.NewGuid(), "old@example.com", [Roles.Tourist], null);

        var response = await _factory.CreateClient().WithToken(token).GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
