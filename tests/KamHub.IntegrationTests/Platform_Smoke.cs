using System.Net;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests;

public sealed class PlatformSmokeTests : IDisposable
{
    private readonly KamHubFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task HealthReady_WhenDatabasesUp_Returns200WithEveryModule()
    {
        var response = await _factory.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        var names = body.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Contains("database:identity", names);
        Assert.Contains("database:discovery", names);
        Assert.Contains("cache", names);
    }
}
