using KamHub.Core.Events;
using KamHub.Events.TestModule;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Events;

/// <summary>
/// The next event of an aggregate waits for the previous one to be recorded as done. A slow handler of another
/// subscriber in the same claimed batch must not hold that up: a handled delivery whose stream has a follower is
/// recorded when its own chunk finishes, and an idle loop takes the follower (PostgreSQL, where several loops claim).
/// </summary>
public sealed class FollowerLatencyTests
{
    [PostgresFact]
    public async Task FollowUpEvent_OfAnAggregate_IsHandledWhileAnotherSubscribersChunkOfTheSameBatchIsStillRunning()
    {
        using var factory = new EventsFactory();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        factory.Control.Stalled["test.exact/slow"] = gate;
        try
        {
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                // One commit, so the claim sees "fast"'s second event waiting behind its first.
                var db = scope.ServiceProvider.GetRequiredService<TestEventsDbContext>();
                var publisher = scope.ServiceProvider.GetRequiredService<IEventPublisher>();
                publisher.Publish(db, "slow", new WidgetCreated(Guid.NewGuid(), 1));
                publisher.Publish(db, "fast", new WidgetCreated(Guid.NewGuid(), 1));
                publisher.Publish(db, "fast", new WidgetChanged(Guid.NewGuid(), 2));
                await db.SaveChangesAsync();
            }

            foreach (var subscriber in new[] { "test.prefix", "test.all" })
            {
                await EventsFactory.EventuallyAsync(
                    async () => (await factory.EffectsAsync(subscriber)).Count(e => e.AggregateId == "fast") == 2,
                    $"{subscriber} handles both events of 'fast' while test.exact is stuck on 'slow'");
                Assert.Equal([1, 2], (await factory.EffectsAsync(subscriber)).Where(e => e.AggregateId == "fast").Select(e => e.Sequence));
            }

            // Still stuck on "slow". Its "fast" may already be done: two loops woken by the same commit can split the
            // batch between them (SKIP LOCKED), and test.exact's two aggregates are independent streams.
            Assert.DoesNotContain(await factory.EffectsAsync("test.exact"), e => e.AggregateId == "slow");
        }
        finally
        {
            gate.TrySetResult();
        }

        await EventsFactory.EventuallyAsync(async () => (await factory.EffectsAsync("test.exact")).Count == 2, "test.exact catches up once released");
        Assert.Equal(["fast", "slow"], (await factory.EffectsAsync("test.exact")).Select(e => e.AggregateId).Order(StringComparer.Ordinal));
    }
}
