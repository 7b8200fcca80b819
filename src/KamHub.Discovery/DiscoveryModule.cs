using KamHub.Core.Data;
using KamHub.Discovery.Data;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace KamHub.Discovery;

public static class DiscoveryModule
{
    public static IHostApplicationBuilder AddDiscoveryModule(this IHostApplicationBuilder builder)
    {
        builder.AddModuleDatabase<DiscoveryDbContext>(DiscoveryDbContext.Module);
        return builder;
    }

    public static IEndpointRouteBuilder MapDiscoveryModule(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}
