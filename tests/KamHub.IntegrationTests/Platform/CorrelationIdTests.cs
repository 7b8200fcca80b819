using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Platform;

/// <remarks>One host for the class (<see cref="IClassFixture{TFixture}"/>): its tests use their own users and data.</remarks>
public sealed class CorrelationIdTests(KamHubFactory factory) : IClassFixture<KamHubFactory>
{
    private readonly KamHubFactory _factory = factory;

    [Fact]
    public async Task Request_WithCorrelationId_EchoesItOnTheResponse()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("X-Correlation-ID", "abc-123.test");
        var response = await _factory.CreateClient().SendAsync(request);
        Assert.Equal("abc-123.test", response.Headers.GetValues("X-Correlation-ID").Single());
    }

    [Fact]
    public async Task Request_WithoutCorrelationId_GetsAGeneratedOne()
    {
        var response = await _factory.CreateClient().GetAsync("/health/live");
        Assert.Matches("^[0-9a-f]{32}$", response.Headers.GetValues("X-Correlation-ID").Single());
    }

    [Fact]
    public async Task Request_WithHostileCorrelationId_IsReplaced()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.TryAddWithoutValidation("X-Correlation-ID", "<script>" + new string('x', 300));
        var response = await _factory.CreateClient().SendAsync(request);
        Assert.Matches("^[0-9a-f]{32}$", response.Headers.GetValues("X-Correlation-ID").Single());
    }

    [Fact]
    public async Task ProblemResponse_CarriesTheCorrelationId()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/does-not-exist");
        request.Headers.Add("X-Correlation-ID", "trace-me");
        var response = await _factory.CreateClient().SendAsync(request);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.JsonAsync();
        Assert.Equal("trace-me", body.GetProperty("correlationId").GetString());
        Assert.Equal("https://kamhub.dev/problems/not-found", body.GetProperty("type").GetString());
    }
}
