using KamHub.Core.Hosting;
using KamHub.Discovery;
using KamHub.Identity;

namespace KamHub;

/// <summary>The composition root: which modules make up KamHub. No business logic lives here.</summary>
public static class KamHubApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddIdentityModule();
        builder.AddDiscoveryModule();

        var app = builder.Build();
        app.UseServiceDefaults();
        app.MapIdentityModule();
        app.MapDiscoveryModule();
        return app;
    }
}
