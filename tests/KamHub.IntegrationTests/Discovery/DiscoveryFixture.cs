using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Discovery;

/// <summary>
/// One host per test class: its tests create their own tours (marked with unique words and tags), so they never
/// see each other's data, and the host starts once instead of once per test.
/// </summary>
public sealed class DiscoveryFixture : IAsyncLifetime
{
    public KamHubFactory Factory { get; } = new();

    public HttpClient Anonymous { get; private set; } = null!;
    public HttpClient Operator { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;
    public HttpClient Tourist { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Anonymous = Factory.CreateClient();
        Operator = await Factory.AsDemoAsync("operator");
        Admin = await Factory.AsAdminAsync();
        Tourist = await Factory.AsDemoAsync("tourist");
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}
