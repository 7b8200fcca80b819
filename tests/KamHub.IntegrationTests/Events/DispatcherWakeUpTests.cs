using KamHub.Core.Events;
using KamHub.Events.TestModule;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Events;

/// <summary>
/// A commit wakes its module's dispatch loops only when it wrote deliveries: an event nobody subscribes to (like
/// booking.created) must not send every loop of the module to claim nothing.
/// </summary>
public sealed class DispatcherWakeUpTests
{
    [Fact]
    public async Task Commit_WhenItsEventsMatchNoSubscriber_DoesNotWakeTheDispatcher()
    {
        using var factory = new EventsFactory();
        factory.With($"{TestEventsModule.Name}:Subscribers", "false");
        var signal = factory.Services.GetRequiredService<OutboxSignal>();
        await Task.Delay(200); // the loops' own first pass is over

        var next = signal.Next(typeof(TestEventsDbContext));
        await factory.PublishAsync("w-nobody", new WidgetCreated(Guid.NewGuid(), 1));

        Assert.Empty(await factory.DeliveriesAsync());
        // A woken loop would complete this at once; give it ample time to be wrong.
        Assert.NotSame(next, await Task.WhenAny(next, Task.Delay(500)));
    }

    [Fact]
    public async Task Commit_WhenItWroteDeliveries_WakesTheDispatcher()
    {
        using var factory = new EventsFactory();
        var signal = factory.Services.GetRequiredService<OutboxSignal>();

        var next = signal.Next(typeof(TestEventsDbContext));
        await factory.PublishAsync("w-someone", new WidgetCreated(Guid.NewGuid(), 1));

        Assert.True(next.IsCompleted, "the commit of an event with subscribers completes the wake-up before SaveChanges returns");
    }
}
