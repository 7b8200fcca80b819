using System.Net.Http.Headers;
using System.Net.Http.Json;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Identity;

/// <summary>Calls the Identity endpoints the way a client would, for tests that need a fresh account.</summary>
internal static class IdentityApi
{
    public const string Password = "Correct-Horse-1";

    public static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";

    public static Task<HttpResponseMessage> RegisterAsync(this HttpClient client, string email, string password = Password, string? displayName = null) =>
        client.PostAsJsonAsync("/api/auth/register", new { email, password, displayName });

    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string email, string password = Password) =>
        client.PostAsJsonAsync("/api/auth/login", new { email, password });

    public static Task<HttpResponseMessage> RefreshAsync(this HttpClient client, string? refreshToken) =>
        client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken });

    public static HttpClient WithToken(this HttpClient client, string? accessToken)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public static async Task<(string AccessToken, string RefreshToken)> TokensAsync(this HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        var body = await response.JsonAsync();
        return (body.GetProperty("accessToken").GetString()!, body.GetProperty("refreshToken").GetString()!);
    }

    public static void AssertProblem(HttpResponseMessage response, System.Net.HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
