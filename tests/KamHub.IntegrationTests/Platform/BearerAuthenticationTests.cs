using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using KamHub.Core.Security;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KamHub.IntegrationTests.Platform;

/// <summary>JwtBearer answers like every other error: problem+json with KamHub's problem type, plus the Bearer challenge.</summary>
/// <remarks>One host for the class (<see cref="IClassFixture{TFixture}"/>): its tests use their own users and data.</remarks>
public sealed class BearerAuthenticationTests(KamHubFactory factory) : IClassFixture<KamHubFactory>
{
    private readonly KamHubFactory _factory = factory;

    [Fact]
    public async Task ProtectedEndpoint_WhenNoToken_Returns401ProblemWithBearerChallenge()
    {
        var response = await _factory.CreateClient().GetAsync("/api/me");

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task ProtectedEndpoint_WhenTokenSignedWithAnotherKey_Returns401Problem()
    {
        var services = _factory.Services;
        var otherKey = new SigningKeyProvider(Options.Create(new JwtOptions { SigningKey = Convert.ToBase64String(new byte[48]) }),
            services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(), NullLogger<SigningKeyProvider>.Instance);
        var forged = new AccessTokens(otherKey, services.GetRequiredService<IOptions<JwtOptions>>(), TimeProvider.System)
            .Issue(Guid.NewGuid(), "mallory@example.com", [Roles.Admin], null).Token;
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forged);

        await AssertProblemAsync(await client.GetAsync("/api/me"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task AdminEndpoint_WhenSignedInWithoutTheRole_Returns403Problem()
    {
        var tourist = await _factory.AsDemoAsync("tourist");

        var response = await tourist.PostAsJsonAsync("/api/admin/users", new { email = "x@example.com", password = "Correct-Horse-1", role = "Admin" });

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task ProtectedEndpoint_WhenValidToken_Returns200()
    {
        var tourist = await _factory.AsDemoAsync("tourist");

        Assert.Equal(HttpStatusCode.OK, (await tourist.GetAsync("/api/me")).StatusCode);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string typeEnding)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.JsonAsync();
        Assert.EndsWith(typeEnding, body.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
    }
}
