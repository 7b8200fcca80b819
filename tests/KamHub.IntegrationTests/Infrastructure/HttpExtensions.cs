using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Infrastructure;

public static class HttpExtensions
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Signs in through the real login endpoint and returns a client carrying the access token.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this KamHubFactory factory, string email, string password)
    {
        var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());
        return client;
    }

    public static Task<HttpClient> AsAdminAsync(this KamHubFactory factory) =>
        factory.SignedInClientAsync(KamHubFactory.AdminEmail, KamHubFactory.AdminPassword);

    /// <summary>role: operator, agent, guide, tourist, transfer.</summary>
    public static Task<HttpClient> AsDemoAsync(this KamHubFactory factory, string role) =>
        factory.SignedInClientAsync($"{role}@demo.kamhub.local", KamHubFactory.DemoPassword);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Json);
}

public static class TokenClients
{
    /// <summary>
    /// A client with a token minted by the platform's own issuer, for tests of one module that must not depend on
    /// Identity's endpoints (e.g. an operator of a given organisation).
    /// </summary>
    public static HttpClient ClientAs(this KamHubFactory factory, string role, Guid? operatorId = null, Guid? userId = null)
    {
        var tokens = factory.Services.GetRequiredService<KamHub.Core.Security.AccessTokens>();
        var id = userId ?? Guid.NewGuid();
        var (token, _) = tokens.Issue(id, $"{id:N}@test.kamhub.local", [role], operatorId);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
