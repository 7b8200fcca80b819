using KamHub.Events.TestModule;
using KamHub.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Events;

public sealed class DeliveryTests : IDisposable
{
    private readonly EventsFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Publish_WhenTheTransactionRollsBack_StoresAndDeliversNothing()
    {
        _ = _factory.Services;
        Guid rolledBack;
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TestEventsDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Widgets.Add(new Widget { Id = Guid.NewGuid(), Name = "never" });
            rolledBack = scope.ServiceProvider.GetRequiredService<IEventPublisher>().Publish(db, "w-rollback", new WidgetCreated(Guid.NewGuid(), 1));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        // A committed event after it: once that one is handled, the rolled-back one would have been too.
        var fence = await _factory.PublishAsync("w-fence", new WidgetCreated(Guid.NewGuid(), 1));
        await EventsFactory.EventuallyAsync(async () => (await _factory.EffectsAsync("test.all")).Any(e => e.EventId == fence), "the fence event handled");

        Assert.DoesNotContain(await _factory.EffectsAsync(), e => e.EventId == rolledBack);
        await using var check = _factory.Services.CreateAsyncScope();
        var context = check.ServiceProvider.GetRequiredService<TestEventsDbContext>();
        Assert.False(await context.Set<OutboxEvent>().AnyAsync(e => e.Id == rolledBack));
        Assert.Empty(await context.Widgets.ToListAsync());
    }

    [Fact]
    public async Task Publish_WithExactPrefixAndAllPatterns_ReachesExactlyTheMatchingSubscribers()
    {
        var created = await _factory.PublishAsync("w-1", new WidgetCreated(Guid.NewGuid(), 1));
        var changed = await _factory.PublishAsync("w-1", new WidgetChanged(Guid.NewGuid(), 2));
        var gadget = await _factory.PublishAsync("g-1", new GadgetMade(Guid.NewGuid()));
        await EventsFactory.EventuallyAsync(async () => (await _factory.EffectsAsync()).Count >= 7, "seven deliveries handled");
        await Task.Delay(300); // any wrong extra delivery would land within a few polls

        var effects = await _factory.EffectsAsync();
        string[] Got(string subscriber) => effects.Where(e => e.Subscriber == subscriber).Select(e => e.EventType).Order().ToArray();
        Assert.Equal(["widget.created"], Got("test.exact"));
        Assert.Equal(["widget.changed", "widget.created"], Got("test.prefix"));
        Assert.Equal(["gadget.made", "widget.changed", "widget.created"], Got("test.all"));
        Assert.Equal(["gadget.made"], Got("test.gadgets"));
        Assert.Equal(7, effects.Count);
        Assert.Contains(effects, e => e.EventId == created);
        Assert.Contains(effects, e => e.EventId == changed);
        Assert.Contains(effects, e => e.EventId == gadget);
    }

    [Fact]
    public async Task Delivery_WhenTheSameEventArrivesTwice_HasOneEffect()
    {
        var id = await _factory.PublishAsync("w-dup", new WidgetCreated(Guid.NewGuid(), 1));
        await EventsFactory.EventuallyAsync(async () => (await _factory.DeliveriesAsync()).Where(d => d.EventId == id).All(d => d.Status == "done"), "first delivery done");

        // As after a crash between the handler's commit and the delivery's "done": the delivery is pending again.
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TestEventsDbContext>();
            await db.Set<EventDelivery>().Where(d => d.EventId == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, "pending"));
        }

        await EventsFactory.EventuallyAsync(async () => (await _factory.DeliveriesAsync()).Where(d => d.EventId == id).All(d => d.Status == "done" && d.Attempts == 2),
            "second delivery done");
        var effects = (await _factory.EffectsAsync()).Where(e => e.EventId == id).ToList();
        Assert.Equal(3, effects.Count); // test.exact, test.prefix, test.all: once each
        Assert.Equal(3, effects.Select(e => e.Subscriber).Distinct().Count());
    }

    [Fact]
    public async Task Delivery_WithConcurrentPublishersAndTransientFaults_KeepsEachAggregatesOrder()
    {
        const int aggregates = 12;
        const int perAggregate = 10;
        for (var a = 0; a < aggregates; a += 3) _factory.Control.FlakyOnce[$"agg-{a}"] = true;

        await Task.WhenAll(Enumerable.Range(0, aggregates).Select(a => Task.Run(async () =>
        {
            for (var seq = 1; seq <= perAggregate; seq++)
                await _factory.PublishAsync($"agg-{a}", new WidgetChanged(Guid.NewGuid(), seq));
        })));

        await EventsFactory.EventuallyAsync(async () => (await _factory.EffectsAsync("test.prefix")).Count == aggregates * perAggregate, "every event handled by test.prefix");
        foreach (var subscriber in new[] { "test.prefix", "test.all" })
        {
            await EventsFactory.EventuallyAsync(async () => (await _factory.EffectsAsync(subscriber)).Count == aggregates * perAggregate, $"every event handled by {subscriber}");
            var effects = await _factory.EffectsAsync(subscriber);
            foreach (var group in effects.GroupBy(e => e.AggregateId))
                Assert.Equal(Enumerable.Range(1, perAggregate), group.Select(e => e.Sequence));
        }
    }

    [Fact]
    public async Task PoisonedAggregate_ParksOnlyItsOwnStreamForThatSubscriber_AndRetryAfterTheFixDeliversInOrder()
    {
        _factory.Control.Poisoned["test.prefix/bad"] = true;
        await _factory.PublishAsync("bad", new WidgetChanged(Guid.NewGuid(), 1));
        await _factory.PublishAsync("bad", new WidgetChanged(Guid.NewGuid(), 2));
        await _factory.PublishAsync("good", new WidgetChanged(Guid.NewGuid(), 1));
        await _factory.PublishAsync("good", new WidgetChanged(Guid.NewGuid(), 2));

        await EventsFactory.EventuallyAsync(async () => (await _factory.DeliveriesAsync()).Any(d => d.Status == "dead"), "a dead letter");
        await EventsFactory.EventuallyAsync(async () => (await _factory.EffectsAsync()).Count == 6, "every other delivery handled");
        var effects = await _factory.EffectsAsync();
        Assert.Equal([1, 2], effects.Where(e => e.Subscriber == "test.prefix" && e.AggregateId == "good").Select(e => e.Sequence));
        Assert.Equal([1, 2], effects.Where(e => e.Subscriber == "test.all" && e.AggregateId == "bad").Select(e => e.Sequence));
        Assert.DoesNotContain(effects, e => e.Subscriber == "test.prefix" && e.AggregateId == "bad");

        await using var scope = _factory.Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<EventAdmin>();
        var letter = Assert.Single(await admin.DeadLettersAsync(null, 100, default));
        Assert.Equal("test.prefix", letter.Subscriber);
        Assert.Equal("bad", letter.AggregateId);
        Assert.Equal(EventsFactory.MaxAttempts, letter.Attempts);
        Assert.Contains("poisoned aggregate bad", letter.LastError);
        var status = (await admin.SubscriptionsAsync(default)).Single(s => s.Name == "test.prefix");
        Assert.Equal(1, status.DeadLetters);
        Assert.Equal(["eventtests/bad"], status.ParkedAggregates);
        Assert.Equal(2, status.LagEvents);
        // The lag gauges' cheap sample agrees with the admin view.
        var sampled = await SubscriberLag.SampleAsync(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<EventStores>(),
            scope.ServiceProvider.GetRequiredService<EventSubscriptions>(), DateTime.UtcNow, default);
        Assert.Equal(2, sampled.Single(s => s.Subscriber == "test.prefix").Events);
        Assert.True(sampled.Single(s => s.Subscriber == "test.prefix").Seconds >= 0);
        Assert.Equal(0, sampled.Single(s => s.Subscriber == "test.all").Events);

        _factory.Control.Poisoned.Clear();
        Assert.True(await admin.RetryAsync(letter.Id, default));
        await EventsFactory.EventuallyAsync(async () => (await _factory.EffectsAsync("test.prefix")).Count(e => e.AggregateId == "bad") == 2, "the parked stream resumed");
        Assert.Equal([1, 2], (await _factory.EffectsAsync("test.prefix")).Where(e => e.AggregateId == "bad").Select(e => e.Sequence));
        Assert.Empty(await admin.DeadLettersAsync(null, 100, default));
    }

    [Fact]
    public async Task DeadLetter_WhenDiscarded_UnblocksTheRestOfItsStream()
    {
        _factory.Control.Poisoned["test.exact/x"] = true;
        await _factory.PublishAsync("x", new WidgetCreated(Guid.NewGuid(), 1));
        await EventsFactory.EventuallyAsync(async () => (await _factory.DeliveriesAsync()).Any(d => d.Status == "dead"), "a dead letter");
        await _factory.PublishAsync("x", new WidgetCreated(Guid.NewGuid(), 2));

        await using var scope = _factory.Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<EventAdmin>();
        var letter = Assert.Single(await admin.DeadLettersAsync("test.exact", 100, default));
        _factory.Control.Poisoned.Clear();
        Assert.True(await admin.DiscardAsync(letter.Id, default));
        Assert.False(await admin.DiscardAsync(letter.Id, default));

        await EventsFactory.EventuallyAsync(async () => (await _factory.EffectsAsync("test.exact")).Any(e => e.Sequence == 2), "the next event of the stream handled");
        Assert.DoesNotContain(await _factory.EffectsAsync("test.exact"), e => e.Sequence == 1);
    }

    [Fact]
    public async Task Replay_OfATimeRange_ReachesOnlyTheNamedSubscriber()
    {
        var before = await _factory.PublishAsync("r-0", new WidgetCreated(Guid.NewGuid(), 0));
        await Task.Delay(20);
        var from = DateTimeOffset.UtcNow;
        var inRange1 = await _factory.PublishAsync("r-1", new WidgetCreated(Guid.NewGuid(), 1));
        var inRange2 = await _factory.PublishAsync("r-2", new WidgetChanged(Guid.NewGuid(), 2));
        await Task.Delay(20);
        var to = DateTimeOffset.UtcNow;
        await _factory.PublishAsync("r-3", new WidgetCreated(Guid.NewGuid(), 3));
        await EventsFactory.EventuallyAsync(async () => (await _factory.EffectsAsync()).Count == 11, "all original deliveries handled");

        await using var scope = _factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<EventAdmin>().ReplayAsync("test.prefix", new ReplayRequest(From: from, To: to), default);
        Assert.Equal(2, result.Deliveries);

        await EventsFactory.EventuallyAsync(async () => (await _factory.EffectsAsync()).Count(e => e.Replay) == 2, "the replay handled");
        await Task.Delay(300);
        var effects = await _factory.EffectsAsync();
        var replayed = effects.Where(e => e.Replay).ToList();
        Assert.All(replayed, e => Assert.Equal("test.prefix", e.Subscriber));
        Assert.Equal(new[] { inRange1, inRange2 }.Order(), replayed.Select(e => e.EventId).Order());
        Assert.DoesNotContain(replayed, e => e.EventId == before);
        Assert.Equal(13, effects.Count);
    }

    [Fact]
    public async Task Handler_PublishingFromAnEvent_InheritsTheCorrelationAndNamesTheCause()
    {
        _factory.Control.Chain = true;
        var cause = await _factory.PublishAsync("chain-1", new WidgetCreated(Guid.NewGuid(), 1));
        await EventsFactory.EventuallyAsync(async () => (await _factory.EffectsAsync("test.gadgets")).Count == 1, "the chained event handled");

        var effects = await _factory.EffectsAsync();
        var first = effects.First(e => e.EventId == cause);
        var chained = (await _factory.EffectsAsync("test.gadgets")).Single();
        Assert.Equal(cause, chained.CausationId);
        Assert.Equal(first.CorrelationId, chained.CorrelationId);

        // Every handler's log lines down the chain carry the correlation id.
        var handlerLines = _factory.Logs.Lines.Where(l => l.Category.EndsWith(".Handler", StringComparison.Ordinal)).ToList();
        Assert.Contains(handlerLines, l => l.Message.StartsWith("test.gadgets handled", StringComparison.Ordinal));
        Assert.All(handlerLines, l => Assert.Equal(first.CorrelationId, l.Scope["CorrelationId"]));
    }
}
