using KamHub.Events.TestModule;

namespace KamHub.IntegrationTests.Events;

public sealed class EventMetricsTests : IDisposable
{
    private readonly EventsFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Metrics_AfterAnEventIsHandled_ShowPublishedDeliveredAndLatency()
    {
        var client = _factory.CreateClient();
        await _factory.PublishAsync("m-1", new GadgetMade(Guid.NewGuid()));

        // Counted when the delivery is marked done, a moment after the handler's commit.
        var text = "";
        await EventsFactory.EventuallyAsync(async () => HasSeries(text = await client.GetStringAsync("/metrics"),
            "kamhub_events_delivered_total", "subscriber=\"test.gadgets\"", "type=\"gadget.made\""), "the delivery counted");
        Assert.True(HasSeries(text, "kamhub_events_published_total", "module=\"eventtests\"", "type=\"gadget.made\""), text);
        Assert.True(HasSeries(text, "kamhub_events_publish_to_handle_duration_seconds_count", "subscriber=\"test.gadgets\""), text);
    }

    /// <summary>A sample line of <paramref name="metric"/> carrying every label given (label order is the exporter's business).</summary>
    private static bool HasSeries(string text, string metric, params string[] labels) =>
        text.Split('\n').Any(line => line.StartsWith(metric + "{", StringComparison.Ordinal) && labels.All(l => line.Contains(l, StringComparison.Ordinal)));
}
