namespace KamHub.IntegrationTests.Events;

public sealed class EventMetricsTests : IDisposable
{
    private readonly EventsFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Metrics_AfterAnEventIsHandled_ShowPublishedDeliveredAndLatency()
    {
        var client = _factory.CreateClient();
        await client.GetStringAsync("/metrics"); // the collector listens from its first use on
        await _factory.PublishAsync("m-1", new GadgetMade(Guid.NewGuid()));
        // Counted when the delivery is marked done, a moment after the handler's commit.
        var text = "";
        await EventsFactory.EventuallyAsync(async () => (text = await client.GetStringAsync("/metrics")).Contains("subscriber=\"test.gadgets\",type=\"gadget.made\"", StringComparison.Ordinal),
            "the delivery counted");
        Assert.Contains("kamhub_events_published_total{module=\"eventtests\",type=\"gadget.made\"}", text);
        Assert.Contains("kamhub_events_delivered_total{subscriber=\"test.gadgets\",type=\"gadget.made\"}", text);
        Assert.Contains("kamhub_events_publish_to_handle_duration_seconds_count{subscriber=\"test.gadgets\"}", text);
    }
}
