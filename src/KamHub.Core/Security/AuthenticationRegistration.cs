using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KamHub.Core.Security;

public static class AuthenticationRegistration
{
    public const string AdminPolicy = "admin";
    public const string OperatorPolicy = "operator";

    /// <summary>Agents who sell for a commission (ADR 0023).</summary>
    public const string AgentPolicy = "agent";

    /// <summary>Every module validates the same bearer tokens (JwtBearer, HS256); only Identity issues them.</summary>
    public static IHostApplicationBuilder AddKamHubAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<JwtOptions>().Bind(builder.Configuration.GetSection(JwtOptions.SectionName))
            .Validate(o => o.AccessTokenMinutes > 0 && o.RefreshTokenDays > 0, "KamHub:Jwt lifetimes must be positive")
            .ValidateOnStart();
        builder.Services.AddSingleton<SigningKeyProvider>();
        builder.Services.AddSingleton<AccessTokens>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<AccessTokens>((o, tokens) =>
        {
            // Claims keep their JWT names ("sub", "role", "email") instead of the long WS-* URIs.
            o.MapInboundClaims = false;
            o.TokenValidationParameters = tokens.ValidationParameters();
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin))
            .AddPolicy(OperatorPolicy, p => p.RequireRole(Roles.Operator, Roles.Admin))
            .AddPolicy(AgentPolicy, p => p.RequireRole(Roles.Agent));
        return builder;
    }
}
