using System.Net;
using System.Text;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Platform;

/// <summary>Whatever a client sends, the answer is a 4xx problem+json, never a 500.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly KamHubFactory _factory = new KamHubFactory().With("KamHub:Http:MaxRequestBodyBytes", "65536");

    public void Dispose() => _factory.Dispose();

    private async Task<HttpResponseMessage> PostRawAsync(string path, string body) =>
        await _factory.CreateClient().PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

    [Theory]
    [InlineData("{\"email\": \"a@b.c\", \"password\": ")]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    public async Task Login_WithMalformedJson_Returns400Problem(string body)
    {
        var response = await PostRawAsync("/api/auth/login", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("https://kamhub.dev/problems/malformed-request", (await response.JsonAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Login_WithUnknownField_Returns400NamingTheField()
    {
        var response = await PostRawAsync("/api/auth/login", "{\"email\":\"a@b.c\",\"password\":\"x\",\"isAdmin\":true}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("isAdmin", out _), errors.ToString());
    }

    [Fact]
    public async Task Login_WithWrongType_Returns400NamingTheField()
    {
        var response = await PostRawAsync("/api/auth/login", "{\"email\":42,\"password\":\"x\"}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _), errors.ToString());
    }

    [Fact]
    public async Task AnyPost_WithHugeBody_Returns413Problem()
    {
        var huge = "{\"email\":\"" + new string('a', 200_000) + "\",\"password\":\"x\"}";
        var response = await PostRawAsync("/api/auth/login", huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnknownRoute_Returns404Problem()
    {
        var response = await _factory.CreateClient().GetAsync("/api/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OpenApi_DocumentAndUi_AreServed()
    {
        var client = _factory.CreateClient();
        var document = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Contains("/api/auth/login", await document.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/docs/index.html")).StatusCode);
    }
}
