using KamHub.Core.Data;
using KamHub.Core.Events;
using KamHub.Core.Hosting;
using KamHub.Core.Security;
using KamHub.Core.Seeding;
using KamHub.Identity.AdminUsers;
using KamHub.Identity.Data;
using KamHub.Identity.Login;
using KamHub.Identity.Me;
using KamHub.Identity.Refresh;
using KamHub.Identity.Register;
using KamHub.Identity.ResetPassword;
using KamHub.Identity.Seeding;
using KamHub.Identity.Tokens;
using KamHub.Identity.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KamHub.Identity;

public static class IdentityModule
{
    public static IHostApplicationBuilder AddIdentityModule(this IHostApplicationBuilder builder)
    {
        builder.AddModuleDatabase<IdentityDbContext>(IdentityDbContext.Module);
        builder.Services.AddEventOutbox<IdentityDbContext>();
        builder.Services.AddOptions<IdentityModuleOptions>()
            .Bind(builder.Configuration.GetSection(IdentityModuleOptions.SectionName))
            .Validate(o => o.IsValid(),
                "KamHub:Identity: limits, delays and window must be positive, MaxDelay at least FirstDelay")
            .ValidateOnStart();
        builder.Services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        builder.Services.AddScoped<LoginThrottle>();
        builder.Services.AddScoped<UserCreator>();
        builder.Services.AddScoped<TokenIssuer>();
        builder.Services.AddScoped<PasswordReset>();
        builder.Services.AddScoped<KamHub.Identity.Contracts.IUserDirectory, KamHub.Identity.Directory.UserDirectory>();
        builder.Services.AddSingleton<IDemoSeeder, IdentitySeeder>();
        return builder;
    }

    /// <summary>
    /// <c>kamhub users reset-password</c>: sets <paramref name="password"/>, or a generated one that is returned once.
    /// Throws <see cref="KeyNotFoundException"/> for an unknown email and <see cref="ArgumentException"/> for a weak password.
    /// </summary>
    public static async Task<(string Email, string? GeneratedPassword)> ResetPasswordAsync(IServiceProvider services, string email, string? password, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PasswordReset>().ResetAsync(email, password, ct) switch
        {
            PasswordResetResult.Done done => (done.Email, done.GeneratedPassword),
            PasswordResetResult.Invalid invalid => throw new ArgumentException(invalid.Problem, nameof(password)),
            _ => throw new KeyNotFoundException($"No user with the email '{email}'."),
        };
    }

    public static IEndpointRouteBuilder MapIdentityModule(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/auth").WithTags("Identity").RequireRateLimiting(RateLimitPolicies.SignIn)
            .MapRegister()
            .MapLogin()
            .MapRefresh();
        endpoints.MapMe();
        endpoints.MapGroup("/api/admin/users").WithTags("Identity")
            .RequireAuthorization(AuthenticationRegistration.AdminPolicy)
            .MapCreateUser()
            .MapListUsers();
        return endpoints;
    }
}
