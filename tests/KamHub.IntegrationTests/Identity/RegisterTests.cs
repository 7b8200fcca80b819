using System.Net;
using System.Net.Http.Json;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Identity;

/// <remarks>One host for the class (<see cref="IClassFixture{TFixture}"/>): its tests use their own users and data.</remarks>
public sealed class RegisterTests(KamHubFactory factory) : IClassFixture<KamHubFactory>
{
    private readonly KamHubFactory _factory = factory;

    [Fact]
    public async Task Register_WhenNew_CanSignInAndSeeSelfAsTourist()
    {
        var client = _factory.CreateClient();
        var email = IdentityApi.NewEmail();

        var registered = await client.RegisterAsync(email, displayName: "Anna");
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);

        var (access, _) = await (await client.LoginAsync(email)).TokensAsync();
        var me = await client.WithToken(access).GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var body = await me.JsonAsync();
        Assert.Equal(email, body.GetProperty("email").GetString());
        Assert.Equal("Anna", body.GetProperty("displayName").GetString());
        Assert.Equal(["Tourist"], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("operatorId").ValueKind);
    }

    [Fact]
    public async Task Register_WhenEmailTakenInOtherCase_Returns409Problem()
    {
        var client = _factory.CreateClient();
        var email = IdentityApi.NewEmail();
        (await client.RegisterAsync(email)).EnsureSuccessStatusCode();

        var again = await client.RegisterAsync(email.ToUpperInvariant());

        IdentityApi.AssertProblem(again, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Register_WhenEmailInvalidAndPasswordShort_Returns400NamingBothFields()
    {
        var response = await _factory.CreateClient().RegisterAsync("not-an-email", "short");

        IdentityApi.AssertProblem(response, HttpStatusCode.BadRequest);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("password", out _));
    }

    [Fact]
    public async Task Register_WhenBodyHasUnknownField_Returns400()
    {
        var response = await _factory.CreateClient().PostAsJsonAsync("/api/auth/register",
            new { email = IdentityApi.NewEmail(), password = IdentityApi.Password, role = "Admin" });

        IdentityApi.AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("role", out _));
    }
}
