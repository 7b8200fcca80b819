using System.Diagnostics;
using System.Diagnostics.Metrics;
using KamHub.Core.Events;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Events;

/// <summary>
/// An idle instance polls each module database once per poll interval, however many dispatch loops it runs: only the
/// first loop polls, the helpers sleep until a commit or a full claim wakes them. When every loop polled, an idle
/// PostgreSQL host ran four claims a second per module database (most of PostgreSQL's CPU in the test suite), and an
/// idle production instance did the same.
/// </summary>
public sealed class IdlePollingTests
{
    [Fact]
    public async Task IdleHost_WithFourDispatchLoops_RunsAboutOneClaimPerPollInterval_AndStillDeliversABurstOnEveryLoop()
    {
        using var factory = new EventsFactory();
        factory.With("KamHub:Events:DispatchLoops", "4").With("KamHub:Events:PollInterval", "00:00:00.100");
        // This host's meters only (their scope is its meter factory): other tests' hosts run in the same process.
        var meters = factory.Services.GetRequiredService<IMeterFactory>();
        var claims = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "kamhub.events.claims" && ReferenceEquals(instrument.Meter.Scope, meters)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag is { Key: "module", Value: "eventtests" }) Interlocked.Add(ref claims, value);
        });
        listener.Start();

        var idle = Stopwatch.StartNew();
        await Task.Delay(1500);
        var seen = Interlocked.Read(ref claims);
        idle.Stop();

        // Loops under CPU pressure poll less often, never more: the bound is an upper one. The first loop polls every
        // interval (+1 for its first claim); each helper at most once per ten intervals (+1). Four polling loops: ~60.
        var intervals = idle.Elapsed.TotalMilliseconds / 100;
        var bound = intervals + 1 + 3 * (intervals / EventDispatcher.HelperPollFactor + 1);
        Assert.InRange(seen, 1, (long)Math.Ceiling(bound));

        // Helpers still take part: a burst of events (more than one claim's batch) is delivered.
        for (var i = 0; i < 40; i++) await factory.PublishAsync($"idle-{i}", new KamHub.Events.TestModule.WidgetCreated(Guid.NewGuid(), i));
        await EventsFactory.EventuallyAsync(async () => (await factory.DeliveriesAsync()).All(d => d.Status == DeliveryStatus.Done), "every delivery done");
    }
}
