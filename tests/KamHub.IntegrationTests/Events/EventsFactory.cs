using KamHub.Events.TestModule;
using KamHub.Core.Events;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Events;

/// <summary>A KamHub host with the test events module, short retry delays and a fast poll.</summary>
public sealed class EventsFactory : KamHubFactory
{
    public const int MaxAttempts = 3;

    public EventsFactory()
    {
        With("KamHub:Events:MaxAttempts", MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        With("KamHub:Events:RetryBaseDelay", "00:00:00.020");
        With("KamHub:Events:MaxRetryDelay", "00:00:00.100");
        With("KamHub:Events:PollInterval", "00:00:00.200");
        With("KamHub:Events:MaintenanceInterval", "01:00:00");
        With("KamHub:Seed:Enabled", "false");
    }

    public HandlerControl Control => Services.GetRequiredService<HandlerControl>();

    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices((context, services) =>
        {
            services.AddTestEventsModule(context.Configuration);
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
        });
    }

    /// <summary>Publishes in one SaveChanges, as a module would with its change.</summary>
    public async Task<Guid> PublishAsync<TEvent>(string aggregateId, TEvent payload) where TEvent : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestEventsDbContext>();
        var id = scope.ServiceProvider.GetRequiredService<IEventPublisher>().Publish(db, aggregateId, payload);
        await db.SaveChangesAsync();
        return id;
    }

    public async Task<List<Effect>> EffectsAsync(string? subscriber = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestEventsDbContext>();
        var effects = db.Effects.AsNoTracking();
        if (subscriber is not null) effects = effects.Where(e => e.Subscriber == subscriber);
        return await effects.OrderBy(e => e.Id).ToListAsync();
    }

    internal async Task<List<EventDelivery>> DeliveriesAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestEventsDbContext>();
        return await db.Set<EventDelivery>().AsNoTracking().OrderBy(d => d.Id).ToListAsync();
    }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds; fails the test with <paramref name="what"/> otherwise.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 600; i++)
        {
            if (await condition()) return;
            await Task.Delay(50);
        }

        Assert.Fail($"Timed out waiting for: {what}");
    }
}
