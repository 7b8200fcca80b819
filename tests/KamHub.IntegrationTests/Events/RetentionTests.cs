using KamHub.Core.Events;
using KamHub.Events.TestModule;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KamHub.IntegrationTests.Events;

public sealed class RetentionTests : IDisposable
{
    private readonly EventsFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Retention_RemovesOldFinishedHistory_AndKeepsRecentOrUnfinishedEvents()
    {
        _factory.Control.Poisoned["test.exact/stuck"] = true;
        var oldDone = await _factory.PublishAsync("old", new WidgetCreated(Guid.NewGuid(), 1));
        var oldDead = await _factory.PublishAsync("stuck", new WidgetCreated(Guid.NewGuid(), 1));
        var recent = await _factory.PublishAsync("new", new WidgetCreated(Guid.NewGuid(), 1));
        await EventsFactory.EventuallyAsync(async () =>
        {
            var deliveries = await _factory.DeliveriesAsync();
            return deliveries.All(d => d.Status is "done" or "dead") && deliveries.Any(d => d.Status == "dead");
        }, "every delivery finished or dead");

        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestEventsDbContext>();
        var longAgo = DateTime.UtcNow.AddDays(-40);
        Guid[] old = [oldDone, oldDead];
        await db.Set<OutboxEvent>().Where(e => old.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.OccurredAt, longAgo));
        await db.Set<InboxEntry>().Where(i => i.EventId == oldDone).ExecuteUpdateAsync(s => s.SetProperty(i => i.HandledAt, longAgo));

        var maintenance = _factory.Services.GetServices<IHostedService>().OfType<EventMaintenance>().Single();
        Assert.Equal(1, await maintenance.ApplyRetentionAsync(default));

        var left = await db.Set<OutboxEvent>().Select(e => e.Id).ToListAsync();
        Assert.DoesNotContain(oldDone, left);
        Assert.Contains(oldDead, left);
        Assert.Contains(recent, left);
        Assert.False(await db.Set<EventDelivery>().AnyAsync(d => d.EventId == oldDone));
        Assert.False(await db.Set<InboxEntry>().AnyAsync(i => i.EventId == oldDone));
        Assert.True(await db.Set<InboxEntry>().AnyAsync(i => i.EventId == recent));
    }
}
