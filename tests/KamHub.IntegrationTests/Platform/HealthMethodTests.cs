using System.Net;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Platform;

/// <summary>Health endpoints are for probes: they answer GET and HEAD, nothing else.</summary>
/// <remarks>One host for the class (<see cref="IClassFixture{TFixture}"/>): its tests use their own users and data.</remarks>
public sealed class HealthMethodTests(KamHubFactory factory) : IClassFixture<KamHubFactory>
{
    private readonly KamHubFactory _factory = factory;

    [Theory]
    [InlineData("PUT", "/health/ready")]
    [InlineData("DELETE", "/health/ready")]
    [InlineData("TRACE", "/health/ready")]
    [InlineData("POST", "/health/live")]
    [InlineData("PATCH", "/health/live")]
    public async Task Health_WithAMethodOtherThanGetOrHead_Answers405Problem(string method, string path)
    {
        var response = await _factory.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await InputProblems.AssertAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    [Theory]
    [InlineData("GET", "/health/ready")]
    [InlineData("HEAD", "/health/ready")]
    [InlineData("GET", "/health/live")]
    [InlineData("HEAD", "/health/live")]
    public async Task Health_WithGetOrHead_Answers200(string method, string path)
    {
        var response = await _factory.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
