using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using KamHub.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.Web.Auth;

/// <summary>The Identity tokens kept in the session cookie; an access token about to run out is refreshed through the API.</summary>
internal static class SessionTokens
{
    public const string Access = "access_token";
    public const string Refresh = "refresh_token";
    public const string ExpiresAt = "expires_at";

    private static readonly TimeSpan RefreshBefore = TimeSpan.FromMinutes(1);

    public static async Task<string?> AccessTokenAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true || context.User.Identity.AuthenticationType != WebAuth.Scheme) return null;
        return await context.GetTokenAsync(WebAuth.Scheme, Access);
    }

    /// <param name="clock">The app's clock, which the cookie handler checks the session's end against.</param>
    public static AuthenticationProperties Properties(TokenPair tokens, TimeProvider clock)
    {
        var properties = new AuthenticationProperties { IsPersistent = true, ExpiresUtc = clock.GetUtcNow().AddDays(30) };
        properties.StoreTokens(Store(tokens));
        return properties;
    }

    public static async Task RefreshWhenDueAsync(CookieValidatePrincipalContext context)
    {
        var expires = context.Properties.GetTokenValue(ExpiresAt);
        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (expires is not null && DateTimeOffset.Parse(expires, CultureInfo.InvariantCulture) - RefreshBefore > now) return;

        var refresh = context.Properties.GetTokenValue(Refresh);
        var renewed = refresh is null ? null : await RenewAsync(context.HttpContext, refresh);
        if (renewed is null)
        {
            // Signed out elsewhere, or the refresh token ran out: the browser session ends with it.
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(WebAuth.Scheme);
            return;
        }

        context.Properties.StoreTokens(Store(renewed));
        context.ShouldRenew = true;
    }

    private static async Task<TokenPair?> RenewAsync(HttpContext context, string refreshToken)
    {
        var services = context.RequestServices;
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(KamHubApi.ClientName);
        var address = services.GetRequiredService<ApiAddress>();
        using var response = await http.PostAsJsonAsync(new Uri(address.Base(), "api/auth/refresh"), new { refreshToken }, context.RequestAborted);
        if (!response.IsSuccessStatusCode) return null;
        return await response.Content.ReadFromJsonAsync<TokenPair>(new JsonSerializerOptions(JsonSerializerDefaults.Web), context.RequestAborted);
    }

    private static AuthenticationToken[] Store(TokenPair tokens) =>
    [
        new() { Name = Access, Value = tokens.AccessToken },
        new() { Name = Refresh, Value = tokens.RefreshToken },
        new() { Name = ExpiresAt, Value = tokens.ExpiresAt.ToString("o", CultureInfo.InvariantCulture) },
    ];
}

internal sealed record TokenPair(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt);
