using System.Net;
using KamHub.Discovery.Contracts;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Identity;

/// <remarks>One host for the class (<see cref="IClassFixture{TFixture}"/>): its tests use their own users and data.</remarks>
public sealed class DemoUsersTests(KamHubFactory factory) : IClassFixture<KamHubFactory>
{
    private readonly KamHubFactory _factory = factory;

    [Theory]
    [InlineData("operator", "Operator")]
    [InlineData("agent", "Agent")]
    [InlineData("guide", "Guide")]
    [InlineData("tourist", "Tourist")]
    [InlineData("transfer", "Transfer")]
    public async Task Login_WhenDemoUser_SignsInWithItsRole(string user, string role)
    {
        var client = await _factory.AsDemoAsync(user);

        var response = await client.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await response.JsonAsync();
        Assert.Equal([role], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        if (role == "Operator") Assert.Equal(DemoOperators.Primary, me.GetProperty("operatorId").GetGuid());
    }

    [Fact]
    public async Task Login_WhenAdmin_HasAdminRole()
    {
        var me = await (await (await _factory.AsAdminAsync()).GetAsync("/api/me")).JsonAsync();

        Assert.Equal(["Admin"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }
}
