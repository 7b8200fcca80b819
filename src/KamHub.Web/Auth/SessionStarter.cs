using System.Security.Claims;
using KamHub.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace KamHub.Web.Auth;

/// <summary>Signs a browser in with the API's own login: the tokens go into the session cookie, the user's roles into its claims.</summary>
internal sealed class SessionStarter(KamHubApi api, TimeProvider clock)
{
    public async Task<ApiProblem?> SignInAsync(HttpContext context, string? email, string? password, CancellationToken ct)
    {
        var login = await api.PostAsync<TokenPair>("/api/auth/login", new { email, password }, ct);
        if (!login.Ok) return login.Problem;
        var me = await api.GetWithTokenAsync<MeView>("/api/me", login.Value!.AccessToken, ct);
        if (!me.Ok) return me.Problem;

        var user = me.Value!;
        var claims = new List<Claim> { new("sub", user.Id.ToString()), new("email", user.Email), new("name", user.DisplayName ?? user.Email) };
        claims.AddRange(user.Roles.Select(r => new Claim("role", r)));
        if (user.OperatorId is { } operatorId) claims.Add(new Claim("operator_id", operatorId.ToString()));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, WebAuth.Scheme, "name", "role"));
        await context.SignInAsync(WebAuth.Scheme, principal, SessionTokens.Properties(login.Value, clock));
        return null;
    }
}

internal sealed record MeView(Guid Id, string Email, string? DisplayName, IReadOnlyList<string> Roles, Guid? OperatorId);
