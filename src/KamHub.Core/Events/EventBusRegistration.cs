using KamHub.Core.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using KamHub.Core.Hosting;

namespace KamHub.Core.Events;

public static class EventBusRegistration
{
    /// <summary>The bus itself: publisher, dispatcher, maintenance, admin queries. Called by AddServiceDefaults.</summary>
    public static IServiceCollection AddKamHubEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<EventBusOptions>(configuration.GetSection(EventBusOptions.SectionName));
        AddEventInterceptors(services);
        Subscriptions(services);
        Stores(services);
        services.TryAddSingleton<IEventPublisher, EventPublisher>();
        services.TryAddSingleton<DeliveryRunner>();
        services.TryAddSingleton<HandlerPace>();
        services.TryAddSingleton<EventDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<EventDispatcher>());
        services.AddHostedService<EventMaintenance>();
        services.TryAddScoped<EventAdmin>();
        return services;
    }

    /// <summary>The interceptors every module context gets (commit signal and published count); used by module database registration.</summary>
    internal static void AddEventInterceptors(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OutboxSignal>();
        Subscriptions(services);
        services.TryAddSingleton<EventMetrics>();
        services.TryAddSingleton<OutboxCommitTracker>();
        services.TryAddSingleton<OutboxSaveChangesInterceptor>();
        services.TryAddSingleton<OutboxTransactionInterceptor>();
    }

    /// <summary>
    /// Marks a module database as a publisher: its outbox is delivered from and shows in the history. Call after
    /// AddModuleDatabase; the context must call <c>modelBuilder.AddEventBusTables()</c> and ship the tables' migration.
    /// </summary>
    public static IServiceCollection AddEventOutbox<TContext>(this IServiceCollection services) where TContext : ModuleDbContext
    {
        var module = ModuleDatabaseRegistration.GetRegistry(services).Modules.FirstOrDefault(m => m.ContextType == typeof(TContext))
            ?? throw new InvalidOperationException($"Register {typeof(TContext).Name} with AddModuleDatabase before AddEventOutbox.");
        Stores(services).Add(new EventStore(module.Schema, typeof(TContext)));
        return services;
    }

    /// <summary>
    /// A named subscriber of <paramref name="pattern"/> (<c>tour.published</c>, <c>tour.*</c>, <c>*</c>). Its handler runs
    /// in a transaction of <typeparamref name="TContext"/>, whose inbox records what it handled. The name is the
    /// subscriber's identity in the database: never rename one that has handled events (that would replay them).
    /// </summary>
    public static IServiceCollection AddEventSubscriber<TContext, THandler>(this IServiceCollection services, string name, string pattern)
        where TContext : ModuleDbContext
        where THandler : class, IEventHandler =>
        AddSubscriber<TContext, THandler>(services, name, pattern);

    /// <summary>
    /// The same for a handler that takes a chunk of deliveries at once (<see cref="IEventBatchHandler"/>): set-based
    /// work for many events in one go, where a handler per event would cost statements per event.
    /// </summary>
    public static IServiceCollection AddEventBatchSubscriber<TContext, THandler>(this IServiceCollection services, string name, string pattern)
        where TContext : ModuleDbContext
        where THandler : class, IEventBatchHandler =>
        AddSubscriber<TContext, THandler>(services, name, pattern);

    private static IServiceCollection AddSubscriber<TContext, THandler>(IServiceCollection services, string name, string pattern)
        where TContext : ModuleDbContext
        where THandler : class
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > EventDelivery.SubscriberMaxLength)
            throw new ArgumentException($"A subscriber name is 1..{EventDelivery.SubscriberMaxLength} characters.", nameof(name));
        Subscriptions(services).Add(new EventSubscription(name, EventTypePattern.Parse(pattern), typeof(TContext), typeof(THandler)));
        services.TryAddScoped<THandler>();
        return services;
    }

    private static EventSubscriptions Subscriptions(IServiceCollection services) => Singleton<EventSubscriptions>(services);

    private static EventStores Stores(IServiceCollection services) => Singleton<EventStores>(services);

    /// <summary>Registries filled while modules register, before the container exists.</summary>
    private static T Singleton<T>(IServiceCollection services) where T : class, new()
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(T))?.ImplementationInstance is T existing) return existing;
        var created = new T();
        services.AddSingleton(created);
        return created;
    }
}
