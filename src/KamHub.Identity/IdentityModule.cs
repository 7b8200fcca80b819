using KamHub.Core.Data;
using KamHub.Identity.Data;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace KamHub.Identity;

public static class IdentityModule
{
    public static IHostApplicationBuilder AddIdentityModule(this IHostApplicationBuilder builder)
    {
        builder.AddModuleDatabase<IdentityDbContext>(IdentityDbContext.Module);
        return builder;
    }

    public static IEndpointRouteBuilder MapIdentityModule(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}
