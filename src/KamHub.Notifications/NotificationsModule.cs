using KamHub.Booking.Contracts;
using KamHub.Core.Data;
using KamHub.Core.Events;
using KamHub.Notifications.Admin;
using KamHub.Notifications.Channels;
using KamHub.Notifications.Data;
using KamHub.Notifications.Devices;
using KamHub.Notifications.Partitions;
using KamHub.Notifications.Preferences;
using KamHub.Notifications.Queue;
using KamHub.Notifications.Templates;
using KamHub.Notifications.Triggers;
using KamHub.Payments.Contracts;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using KamHub.Core.Hosting;

namespace KamHub.Notifications;

/// <summary>The Notifications module: templates, the durable delivery queue, channel providers with failover, preferences and reminders.</summary>
public static class NotificationsModule
{
    public static IHostApplicationBuilder AddNotificationsModule(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<NotificationsOptions>(builder.Configuration.GetSection(NotificationsOptions.SectionName));
        builder.AddModuleDatabase<NotificationsDbContext>(NotificationsDbContext.Module);
        AddTriggers(services);
        services.AddNotificationChannels(builder.Configuration, DataDirectory.Resolve(builder.Configuration));

        services.AddSingleton<TemplateStore>();
        services.AddSingleton<TemplateRenderer>();
        services.AddScoped<NotificationQueue>();
        services.AddScoped<RecipientProfiles>();
        services.AddScoped<NotificationPlanner>();
        services.AddScoped<BookingModels>();
        services.AddScoped<TouristEmail>();
        services.AddScoped<TouristPush>();
        services.AddScoped<SendTimeChecks>();
        services.AddScoped<ReminderScheduler>();
        services.AddScoped<DeliveryClaimer>();
        services.AddScoped<DeliveryLogRetention>();
        services.AddSingleton<NotificationMetrics>();
        services.AddSingleton<DeliveryDispatcher>();
        services.AddHostedService<DeliveryWorker>();
        services.AddHostedService<DeliveryLogMaintenance>();
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(NotificationMetrics.MeterName));
        return builder;
    }

    public static IEndpointRouteBuilder MapNotificationsModule(this IEndpointRouteBuilder endpoints)
    {
        PreferencesEndpoints.Map(endpoints);
        DeviceEndpoints.Map(endpoints);
        ListDeliveriesEndpoint.Map(endpoints);
        ResendDeliveryEndpoint.Map(endpoints);
        TemplatePreviewEndpoint.Map(endpoints);
        return endpoints;
    }

    /// <summary>Subscriber names are their identity in the inbox: never rename one that has handled events.</summary>
    private static void AddTriggers(IServiceCollection services)
    {
        services.AddEventSubscriber<NotificationsDbContext, BookingConfirmedHandler>(BookingConfirmedHandler.Subscriber, BookingConfirmed.EventName);
        services.AddEventSubscriber<NotificationsDbContext, BookingCancelledHandler>(BookingCancelledHandler.Subscriber, BookingCancelled.EventName);
        services.AddEventSubscriber<NotificationsDbContext, BookingExpiredHandler>(BookingExpiredHandler.Subscriber, BookingExpired.EventName);
        services.AddEventSubscriber<NotificationsDbContext, PaymentRefundedHandler>(PaymentRefundedHandler.Subscriber, PaymentRefunded.EventName);
        services.AddEventSubscriber<NotificationsDbContext, DepartureRescheduledHandler>(DepartureRescheduledHandler.Subscriber, DepartureRescheduled.EventName);
        services.AddEventSubscriber<NotificationsDbContext, DepartureCancelledHandler>(DepartureCancelledHandler.Subscriber, DepartureCancelled.EventName);
        services.AddEventSubscriber<NotificationsDbContext, MessagePostedHandler>(MessagePostedHandler.Subscriber,
            KamHub.Engagement.Contracts.MessagePosted.EventName);
        services.AddEventSubscriber<NotificationsDbContext, StaffAssignmentHandler>(StaffAssignmentHandler.Subscriber, StaffAssignmentHandler.Pattern);
        services.AddEventSubscriber<NotificationsDbContext, AgentGrantHandler>(AgentGrantHandler.Subscriber, AgentGrantHandler.Pattern);
        services.AddEventSubscriber<NotificationsDbContext, OperatorDecisionHandler>(OperatorDecisionHandler.Subscriber, OperatorDecisionHandler.Pattern);
    }
}
