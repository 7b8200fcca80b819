using System.Net;
using System.Net.Http.Json;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Discovery;

/// <summary>Searches and tour reads are cached, yet every write shows in the very next read.</summary>
public sealed class TourCacheTests : IClassFixture<TourCacheTests.CacheOnFixture>
{
    private readonly DiscoveryFixture _fx;

    public TourCacheTests(CacheOnFixture fx) => _fx = fx.Inner;

    /// <summary>The cache switched on explicitly (with a long TTL), whatever the defaults become.</summary>
    public sealed class CacheOnFixture : IAsyncLifetime
    {
        public DiscoveryFixture Inner { get; } = new();

        public Task InitializeAsync()
        {
            Inner.Factory.With("KamHub:Cache:Enabled", "true").With("KamHub:Cache:DefaultTtlSeconds", "3600");
            return Inner.InitializeAsync();
        }

        public Task DisposeAsync() => Inner.DisposeAsync();
    }

    [Fact]
    public async Task Search_AfterTourUpdated_ShowsTheChange()
    {
        var (tag, before, after) = (DiscoveryApi.UniqueWord(), DiscoveryApi.UniqueWord(), DiscoveryApi.UniqueWord());
        var tour = await _fx.Operator.CreatePublishedAsync(DiscoveryApi.TourBody(before, b => b["tags"] = new[] { tag }));
        Assert.Equal([tour.Id()], await _fx.Anonymous.SearchIdsAsync($"q={before}"));
        Assert.Empty(await _fx.Anonymous.SearchIdsAsync($"q={after}"));
        var (listed, _) = await _fx.Anonymous.SearchAsync($"tags={tag}");

        var put = await _fx.Operator.PutAsJsonAsync($"/api/tours/{tour.Id()}", DiscoveryApi.TourBody(after, b => { b["tags"] = new[] { tag }; b["basePrice"] = 777L; }));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        Assert.Empty(await _fx.Anonymous.SearchIdsAsync($"q={before}"));
        Assert.Equal([tour.Id()], await _fx.Anonymous.SearchIdsAsync($"q={after}"));
        var (relisted, _) = await _fx.Anonymous.SearchAsync($"tags={tag}");
        Assert.Equal(500_000, listed[0].GetProperty("basePrice").GetInt64());
        Assert.Equal(777, relisted[0].GetProperty("basePrice").GetInt64());
    }

    [Fact]
    public async Task GetTour_AfterTourUpdated_ShowsTheChangeByIdAndSlug()
    {
        var tour = await _fx.Operator.CreatePublishedAsync(DiscoveryApi.TourBody());
        var slug = tour.GetProperty("slug").GetString();
        await _fx.Anonymous.GetAsync($"/api/tours/{tour.Id()}");
        await _fx.Anonymous.GetAsync($"/api/tours/{slug}");

        await _fx.Operator.PutAsJsonAsync($"/api/tours/{tour.Id()}", DiscoveryApi.TourBody(change: b => b["maxGroupSize"] = 3));

        Assert.Equal(3, (await (await _fx.Anonymous.GetAsync($"/api/tours/{tour.Id()}")).JsonAsync()).GetProperty("maxGroupSize").GetInt32());
        Assert.Equal(3, (await (await _fx.Anonymous.GetAsync($"/api/tours/{slug}")).JsonAsync()).GetProperty("maxGroupSize").GetInt32());
    }

    [Fact]
    public async Task Search_AfterPublishArchiveAndDelete_ReflectsEachAtOnce()
    {
        var word = DiscoveryApi.UniqueWord();
        var draft = await _fx.Operator.CreateTourAsync(DiscoveryApi.TourBody(word));
        Assert.Empty(await _fx.Anonymous.SearchIdsAsync($"q={word}"));
        Assert.Equal(HttpStatusCode.NotFound, (await _fx.Anonymous.GetAsync($"/api/tours/{draft.Id()}")).StatusCode);

        await _fx.Operator.PostAsync($"/api/tours/{draft.Id()}/publish", null);
        Assert.Equal([draft.Id()], await _fx.Anonymous.SearchIdsAsync($"q={word}"));
        Assert.Equal(HttpStatusCode.OK, (await _fx.Anonymous.GetAsync($"/api/tours/{draft.Id()}")).StatusCode);

        await _fx.Operator.PostAsync($"/api/tours/{draft.Id()}/archive", null);
        Assert.Empty(await _fx.Anonymous.SearchIdsAsync($"q={word}"));

        await _fx.Operator.DeleteAsync($"/api/tours/{draft.Id()}");
        Assert.Equal(HttpStatusCode.NotFound, (await _fx.Operator.GetAsync($"/api/tours/{draft.Id()}")).StatusCode);
    }

    [Fact]
    public async Task Search_WhenNewTourPublished_AppearsInCachedListing()
    {
        var tag = DiscoveryApi.UniqueWord();
        var first = await _fx.Operator.CreatePublishedAsync(DiscoveryApi.TourBody(change: b => b["tags"] = new[] { tag }));
        Assert.Equal([first.Id()], await _fx.Anonymous.SearchIdsAsync($"tags={tag}"));

        var second = await _fx.Operator.CreatePublishedAsync(DiscoveryApi.TourBody(change: b => b["tags"] = new[] { tag }));

        Assert.Equal([second.Id(), first.Id()], await _fx.Anonymous.SearchIdsAsync($"tags={tag}"));
    }
}
