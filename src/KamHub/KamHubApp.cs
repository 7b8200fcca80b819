using KamHub.Booking;
using KamHub.Core.Hosting;
using KamHub.Discovery;
using KamHub.Engagement;
using KamHub.Identity;
using KamHub.Notifications;
using KamHub.Partners;
using KamHub.Payments;
using KamHub.Web;

namespace KamHub;

/// <summary>The composition root: which modules make up KamHub. No business logic lives here.</summary>
public static class KamHubApp
{
    public static WebApplication Build(string[] args)
    {
        // appsettings.json ships beside the binary: read it from there whatever the working directory is
        // (the data directory stays relative to the working directory).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.AddServiceDefaults();
        builder.AddIdentityModule();
        builder.AddDiscoveryModule();
        builder.AddBookingModule();
        builder.AddPaymentsModule();
        builder.AddNotificationsModule();
        builder.AddEngagementModule();
        builder.AddPartnersModule();
        builder.AddWebModule();

        var app = builder.Build();
        app.UseServiceDefaults();
        app.MapIdentityModule();
        app.MapDiscoveryModule();
        app.MapBookingModule();
        app.MapPaymentsModule();
        app.MapNotificationsModule();
        app.MapEngagementModule();
        app.MapPartnersModule();
        app.UseWebModule();
        return app;
    }
}
