using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace KamHub.Notifications;

/// <summary>The Notifications module: templates, the durable delivery queue, channel providers with failover, preferences and reminders.</summary>
public static class NotificationsModule
{
    public static IHostApplicationBuilder AddNotificationsModule(this IHostApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapNotificationsModule(this IEndpointRouteBuilder endpoints) => endpoints;
}
