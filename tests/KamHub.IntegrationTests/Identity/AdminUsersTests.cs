using System.Net;
using System.Net.Http.Json;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Identity;

public sealed class AdminUsersTests : IDisposable
{
    private readonly KamHubFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task CreateUser_WhenAdminCreatesOperator_TokenCarriesOperatorId()
    {
        var admin = await _factory.AsAdminAsync();
        var email = IdentityApi.NewEmail();
        var operatorId = Guid.NewGuid();

        var created = await admin.PostAsJsonAsync("/api/admin/users", new { email, password = IdentityApi.Password, role = "operator", operatorId });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var client = await _factory.SignedInClientAsync(email, IdentityApi.Password);
        var me = await (await client.GetAsync("/api/me")).JsonAsync();
        Assert.Equal(operatorId, me.GetProperty("operatorId").GetGuid());
        Assert.Equal(["Operator"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
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
}
