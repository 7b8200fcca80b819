using KamHub.Core.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.Web.Auth;

/// <summary>
/// Browser sessions: a cookie (HttpOnly, Secure, SameSite=Lax) holding the Identity module's own tokens, encrypted by
/// Data Protection. The API never accepts it (it only reads bearer tokens), so only the pages, all anti-forgery
/// protected, act on a cookie.
/// </summary>
internal static class WebAuth
{
    public const string Scheme = "KamHub.Web";
    public const string SignedIn = "web-signed-in";
    public const string Operator = "web-operator";
    public const string Admin = "web-admin";
    public const string Agent = "web-agent";
    public const string CookieName = "kamhub.session";

    public static void Add(IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/account/signin";
            o.LogoutPath = "/account/signout";
            o.AccessDeniedPath = "/account/denied";
            o.SlidingExpiration = false;
            o.Events.OnValidatePrincipal = SessionTokens.RefreshWhenDueAsync;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(SignedIn, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser())
            .AddPolicy(Operator, p => p.AddAuthenticationSchemes(Scheme).RequireRole(Roles.Operator, Roles.Admin))
            .AddPolicy(Admin, p => p.AddAuthenticationSchemes(Scheme).RequireRole(Roles.Admin))
            .AddPolicy(Agent, p => p.AddAuthenticationSchemes(Scheme).RequireRole(Roles.Agent));
    }
}
