using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace KamHub.Core.Tests.Caching;

public sealed class CacheMetricsTests
{
    [Fact]
    public async Task Lookups_AreCountedAsHitsAndMissesPerRegion()
    {
        await using var node = CacheNode.Start();
        using var counts = new CounterTotals(node.Services.GetService(typeof(IMeterFactory))!);
        await node.Cache.GetOrCreateAsync("search:k", _ => ValueTask.FromResult(1));
        await node.Cache.GetOrCreateAsync("search:k", _ => ValueTask.FromResult(1));
        await node.Cache.GetOrCreateAsync("tours:k", _ => ValueTask.FromResult(1));

        Assert.Equal(1, counts.Get("kamhub.cache.misses", "search"));
        Assert.Equal(1, counts.Get("kamhub.cache.hits", "search"));
        Assert.Equal(1, counts.Get("kamhub.cache.misses", "tours"));
        Assert.Equal(0, counts.Get("kamhub.cache.hits", "tours"));
    }

    /// <summary>Sums counters of one node's meter factory only, so tests running alongside do not count.</summary>
    private sealed class CounterTotals : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<(string, string), long> _totals = new();

        public CounterTotals(object meterFactory)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, meterFactory)) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                foreach (var tag in tags)
                    if (tag.Key == "region") _totals.AddOrUpdate((instrument.Name, (string)tag.Value!), value, (_, v) => v + value);
            });
            _listener.Start();
        }

        public long Get(string instrument, string region) => _totals.GetValueOrDefault((instrument, region));

        public void Dispose() => _listener.Dispose();
    }
}
