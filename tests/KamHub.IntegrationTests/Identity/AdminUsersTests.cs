using System.Net;
using System.Net.Http.Json;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Identity;

/// <remarks>One host for the class (<see cref="IClassFixture{TFixture}"/>): its tests use their own users and data.</remarks>
public sealed class AdminUsersTests(KamHubFactory factory) : IClassFixture<KamHubFactory>
{
    private readonly KamHubFactory _factory = factory;

    [Fact]
    public async Task CreateUser_WhenAdminCreatesOperator_TokenCarriesOperatorId()
    {
        var admin = await _factory.AsAdminAsync();
        var email = IdentityApi.NewEmail();
        var operatorId = (await (await admin.PostAsJsonAsync("/api/operators", new { name = "Org " + Guid.NewGuid().ToString("N"), region = "kamchatka" }))
            .JsonAsync()).GetProperty("id").GetGuid();

        var created = await admin.PostAsJsonAsync("/api/admin/users", new { email, password = IdentityApi.Password, role = "operator", operatorId });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var client = await _factory.SignedInClientAsync(email, IdentityApi.Password);
        var me = await (await client.GetAsync("/api/me")).JsonAsync();
        Assert.Equal(operatorId, me.GetProperty("operatorId").GetGuid());
        Assert.Equal(["Operator"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task CreateUser_WhenTheOperatorOrganisationDoesNotExist_Returns422AndCreatesNobody()
    {
        var admin = await _factory.AsAdminAsync();
        var email = IdentityApi.NewEmail();

        var response = await admin.PostAsJsonAsync("/api/admin/users", new { email, password = IdentityApi.Password, role = "operator", operatorId = Guid.NewGuid() });
        var signIn = await _factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = IdentityApi.Password });

        IdentityApi.AssertProblem(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("operatorId", (await response.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
    }

    [Fact]
    public async Task CreateUser_WhenOperatorWithoutOperatorId_Returns400()
    {
        var admin = await _factory.AsAdminAsync();

        var response = await admin.PostAsJsonAsync("/api/admin/users", new { email = IdentityApi.NewEmail(), password = IdentityApi.Password, role = "Operator" });

        IdentityApi.AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("operatorId", out _));
    }

    [Fact]
    public async Task CreateUser_WhenNotAdmin_Returns403()
    {
        var tourist = await _factory.AsDemoAsync("tourist");

        var response = await tourist.PostAsJsonAsync("/api/admin/users", new { email = IdentityApi.NewEmail(), password = IdentityApi.Password, role = "Admin" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task CreateUser_WhenNoToken_Returns401()
    {
        var response = await _factory.CreateClient().PostAsJsonAsync("/api/admin/users", new { email = IdentityApi.NewEmail(), password = IdentityApi.Password, role = "Admin" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("Guide")]
    [InlineData("agent")]
    [InlineData("Admin")]
    public async Task CreateUser_WhenAdminGrantsARole_TheUserSignsInWithIt(string role)
    {
        var admin = await _factory.AsAdminAsync();
        var email = IdentityApi.NewEmail();

        var created = await admin.PostAsJsonAsync("/api/admin/users", new { email, password = IdentityApi.Password, role });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var me = await (await (await _factory.SignedInClientAsync(email, IdentityApi.Password)).GetAsync("/api/me")).JsonAsync();
        Assert.Equal([char.ToUpperInvariant(role[0]) + role[1..].ToLowerInvariant()], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, me.GetProperty("operatorId").ValueKind);
    }

    [Fact]
    public async Task CreateUser_WhenRoleUnknown_Returns400NamingRole()
    {
        var admin = await _factory.AsAdminAsync();

        var response = await admin.PostAsJsonAsync("/api/admin/users", new { email = IdentityApi.NewEmail(), password = IdentityApi.Password, role = "Superuser" });

        IdentityApi.AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("role", out _));
    }

    [Fact]
    public async Task CreateUser_WhenOperatorIdGivenForAnotherRole_Returns400NamingOperatorId()
    {
        var admin = await _factory.AsAdminAsync();

        var response = await admin.PostAsJsonAsync("/api/admin/users",
            new { email = IdentityApi.NewEmail(), password = IdentityApi.Password, role = "Guide", operatorId = Guid.NewGuid() });

        IdentityApi.AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("operatorId", out _));
    }

    [Fact]
    public async Task CreateUser_WhenEmailTaken_Returns409Problem()
    {
        var admin = await _factory.AsAdminAsync();

        var response = await admin.PostAsJsonAsync("/api/admin/users", new { email = KamHubFactory.AdminEmail.ToUpperInvariant(), password = IdentityApi.Password, role = "Guide" });

        IdentityApi.AssertProblem(response, HttpStatusCode.Conflict);
    }
}
