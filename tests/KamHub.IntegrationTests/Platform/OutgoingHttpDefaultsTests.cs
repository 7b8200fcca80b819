using System.Net;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.IntegrationTests.Payments.Providers.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Platform;

/// <summary>
/// Every HttpClient of the process, registered by anyone, gets the standard resilience handler from Core: a GET that
/// meets a passing 503 is retried, a POST never is (it might book or charge twice).
/// </summary>
public sealed class OutgoingHttpDefaultsTests : IAsyncLifetime
{
    private readonly KamHubFactory factory = new KamHubFactory()
        .With("KamHub:Seed:Enabled", "false")
        .With("KamHub:Http:Resilience:Retry:Delay", "00:00:00.010");
    private FakeProviderServer server = null!;

    public async Task InitializeAsync() => server = await FakeProviderServer.StartAsync(routes =>
    {
        routes.MapGet("/thing", () => Results.Ok(new { ok = true }));
        routes.MapPost("/thing", () => Results.Ok(new { ok = true }));
    });

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        factory.Dispose();
    }

    [Fact]
    public async Task Get_ThroughAnyClient_IsRetriedPastTransientFailures()
    {
        server.FailNext(2, HttpStatusCode.ServiceUnavailable);

        var response = await Client().GetAsync("thing");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, server.RequestsTo("/thing").Count);
    }

    [Fact]
    public async Task Post_ThroughAnyClient_IsNeverRetried()
    {
        server.FailNext(1, HttpStatusCode.ServiceUnavailable);

        var response = await Client().PostAsync("thing", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Single(server.RequestsTo("/thing"));
    }

    /// <summary>A client nobody configured: only the process-wide defaults apply.</summary>
    private HttpClient Client()
    {
        var client = factory.Services.GetRequiredService<IHttpClientFactory>().CreateClient("any-module-client");
        client.BaseAddress = server.BaseAddress;
        return client;
    }
}
