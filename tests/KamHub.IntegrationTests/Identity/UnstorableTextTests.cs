using System.Net;
using System.Net.Http.Json;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Identity;

/// <summary>NUL characters and broken Unicode, which PostgreSQL cannot store or compare, answered as bad input.</summary>
/// <remarks>One host for the class (<see cref="IClassFixture{TFixture}"/>): its tests use their own users and data.</remarks>
public sealed class UnstorableTextTests(KamHubFactory factory) : IClassFixture<KamHubFactory>
{
    private readonly KamHubFactory _factory = factory;

    /// <summary>A serializer on the client side replaces a lone surrogate: this one reaches the server as U+FFFD, an unknown account.</summary>
    [Fact]
    public async Task Login_WithALoneSurrogateEmail_Returns401LikeAnUnknownAccount()
    {
        var response = await _factory.CreateClient().LoginAsync("lone\ud800@example.com", "Whatever-Password-1");

        IdentityApi.AssertProblem(response, HttpStatusCode.Unauthorized);
    }

    /// <summary>No account can hold such an email: refused as bad input (400 naming the field) before any lookup.</summary>
    [Theory]
    [InlineData("nul\\u0000@example.com")]
    [InlineData("lone\\ud800@example.com")]
    public async Task Login_WithAnUnstorableEmail_Returns400NamingIt(string escapedEmail)
    {
        var json = $"{{\"email\":\"{escapedEmail}\",\"password\":\"Whatever-Password-1\"}}";
        var response = await _factory.CreateClient().PostAsync("/api/auth/login", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        IdentityApi.AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.Contains("email", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Raw JSON escapes: a serializer on the client side would already replace a lone surrogate.</summary>
    [Theory]
    [InlineData("Ann\\u0000")]
    [InlineData("Ann\\udc00")]
    public async Task Register_WithAnUnstorableDisplayName_Returns400NamingTheField(string escapedDisplayName)
    {
        var json = $"{{\"email\":\"{IdentityApi.NewEmail()}\",\"password\":\"{IdentityApi.Password}\",\"displayName\":\"{escapedDisplayName}\"}}";
        var response = await _factory.CreateClient().PostAsync("/api/auth/register", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        IdentityApi.AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.Contains("displayName", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminCreateUser_WithAnUnstorableDisplayName_Returns400NamingTheField()
    {
        var admin = await _factory.SignedInClientAsync(KamHubFactory.AdminEmail, KamHubFactory.AdminPassword);

        var response = await admin.PostAsJsonAsync("/api/admin/users",
            new { email = IdentityApi.NewEmail(), password = IdentityApi.Password, role = "guide", displayName = "Bob\u0000" });

        IdentityApi.AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.Contains("displayName", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
