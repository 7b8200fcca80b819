using KamHub.Core.Events;
using KamHub.Events.TestModule;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KamHub.IntegrationTests.Booking;

/// <summary>
/// A KamHub host whose clock the test moves (holds, the sweeper, refund tiers) and that can publish events the way a
/// Payments module would: through the bus, from the test events module's outbox.
/// </summary>
public sealed class BookingFactory : KamHubFactory
{
    /// <param name="sweepInterval">How often the hold sweeper ticks on the fake clock; long keeps it out of the way.</param>
    /// <param name="services">Test doubles to add, e.g. an IPaymentInitiator standing in for the Payments module.</param>
    public BookingFactory(string sweepInterval = "01:00:00", DateTimeOffset? start = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        Clock = new FakeTimeProvider(start ?? DateTimeOffset.UtcNow);
        With("KamHub:Booking:SweepInterval", sweepInterval);
        // Tokens must outlive clock jumps of months.
        With("KamHub:Jwt:AccessTokenMinutes", "2000000");
        With("KamHub:Events:PollInterval", "00:00:00.200");
        With("KamHub:Events:RetryBaseDelay", "00:00:00.020");
    }

    private readonly Action<IServiceCollection>? _services;

    public FakeTimeProvider Clock { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices((context, services) => services.AddTestEventsModule(context.Configuration));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            _services?.Invoke(services);
        });
    }

    /// <summary>Publishes in one SaveChanges, as a module would with its change; the dispatcher wakes on the commit.</summary>
    public async Task PublishAsync<TEvent>(string aggregateId, TEvent payload) where TEvent : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestEventsDbContext>();
        scope.ServiceProvider.GetRequiredService<IEventPublisher>().Publish(db, aggregateId, payload);
        await db.SaveChangesAsync();
    }
}
