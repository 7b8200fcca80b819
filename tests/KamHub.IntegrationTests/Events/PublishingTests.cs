using KamHub.Core.Events;
using KamHub.Events.TestModule;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Events;

/// <summary>How a SaveChanges writes its events (set-based, after the module's rows, in one transaction) and batch subscribers.</summary>
public sealed class PublishingTests : IDisposable
{
    private readonly EventsFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task SaveChanges_WithSeveralEvents_StoresThemInPublicationOrderWithOneDeliveryPerMatchingSubscriber()
    {
        _ = _factory.Services;
        List<Guid> published;
        int saved;
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TestEventsDbContext>();
            var publisher = scope.ServiceProvider.GetRequiredService<IEventPublisher>();
            db.Widgets.Add(new Widget { Id = Guid.NewGuid(), Name = "w" });
            published =
            [
                publisher.Publish(db, "w-order", new WidgetCreated(Guid.NewGuid(), 1)),
                publisher.Publish(db, "g-order", new GadgetMade(Guid.NewGuid())),
                publisher.Publish(db, "w-order", new WidgetChanged(Guid.NewGuid(), 2)),
            ];
            saved = await db.SaveChangesAsync();
        }

        await using var check = _factory.Services.CreateAsyncScope();
        var context = check.ServiceProvider.GetRequiredService<TestEventsDbContext>();
        var events = await context.Set<OutboxEvent>().AsNoTracking().Where(e => published.Contains(e.Id)).OrderBy(e => e.Position).ToListAsync();
        Assert.Equal(published, events.Select(e => e.Id));
        var deliveries = (await _factory.DeliveriesAsync()).Where(d => published.Contains(d.EventId)).ToList();
        // widget.created: exact, prefix, all; gadget.made: all, gadgets; widget.changed: prefix, all.
        Assert.Equal(7, deliveries.Count);
        Assert.Equal(1 + events.Count + deliveries.Count, saved);
        Assert.Equal([published[0], published[2]], deliveries.Where(d => d.Subscriber == "test.prefix").OrderBy(d => d.Id).Select(d => d.EventId));
        Assert.Equal([published[0], published[1], published[2]], deliveries.Where(d => d.Subscriber == "test.all").OrderBy(d => d.Id).Select(d => d.EventId));
        Assert.Equal([published[1]], deliveries.Where(d => d.Subscriber == "test.gadgets").Select(d => d.EventId));
    }

    [Fact]
    public async Task SaveChanges_WhenItFails_StoresNothingAndKeepsTheEventPendingUntilDiscarded()
    {
        var existing = Guid.NewGuid();
        await using (var setup = _factory.Services.CreateAsyncScope())
        {
            var db = setup.ServiceProvider.GetRequiredService<TestEventsDbContext>();
            db.Widgets.Add(new Widget { Id = existing, Name = "first" });
            await db.SaveChangesAsync();
        }

        Guid failed;
        Guid retried;
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TestEventsDbContext>();
            var publisher = scope.ServiceProvider.GetRequiredService<IEventPublisher>();
            var duplicate = db.Widgets.Add(new Widget { Id = existing, Name = "duplicate" });
            failed = publisher.Publish(db, "w-failed", new WidgetCreated(existing, 1));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

            // Like EF's own failed insert, the event is still pending on the context.
            Assert.Single(db.ChangeTracker.Entries<OutboxEvent>(), e => e.State == EntityState.Added && e.Entity.Id == failed);
            db.DiscardUnsavedEvents();
            duplicate.State = EntityState.Detached;
            db.Widgets.Add(new Widget { Id = Guid.NewGuid(), Name = "second" });
            retried = publisher.Publish(db, "w-retried", new WidgetCreated(Guid.NewGuid(), 1));
            await db.SaveChangesAsync();
        }

        await EventsFactory.EventuallyAsync(async () => (await _factory.EffectsAsync("test.all")).Any(e => e.EventId == retried), "the retried save's event handled");
        await using var check = _factory.Services.CreateAsyncScope();
        var context = check.ServiceProvider.GetRequiredService<TestEventsDbContext>();
        Assert.False(await context.Set<OutboxEvent>().AnyAsync(e => e.Id == failed));
        Assert.DoesNotContain(await _factory.DeliveriesAsync(), d => d.EventId == failed);
        Assert.Equal(["first", "second"], (await context.Widgets.AsNoTracking().Select(w => w.Name).ToListAsync()).Order());
    }

    [Fact]
    public async Task BatchSubscriber_WhenOneEventOfItsChunkIsPoisoned_HandlesEveryOtherOnceAndDeadLettersOnlyThatOne()
    {
        _factory.Control.Poisoned["test.batch/b-3"] = true;
        var ids = new List<Guid>();
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TestEventsDbContext>();
            var publisher = scope.ServiceProvider.GetRequiredService<IEventPublisher>();
            for (var i = 0; i < 8; i++) ids.Add(publisher.Publish(db, $"b-{i}", new BatchItem(i)));
            await db.SaveChangesAsync();
        }

        var poisoned = ids[3];
        await EventsFactory.EventuallyAsync(async () => (await _factory.DeliveriesAsync()).Any(d => d.EventId == poisoned && d.Subscriber == "test.batch" && d.Status == "dead"),
            "the poisoned event dead-lettered for the batch subscriber");
        await EventsFactory.EventuallyAsync(async () => (await _factory.EffectsAsync("test.batch")).Count == 7, "the other seven handled");
        await EventsFactory.EventuallyAsync(async () => (await _factory.EffectsAsync("test.all")).Count(e => ids.Contains(e.EventId)) == 8, "test.all handled all eight");

        var effects = await _factory.EffectsAsync("test.batch");
        Assert.Equal(ids.Where(id => id != poisoned).Order(), effects.Select(e => e.EventId).Order());
        Assert.Contains(_factory.Control.BatchSizes, size => size == 1);
    }
}
