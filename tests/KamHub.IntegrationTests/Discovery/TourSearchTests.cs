using System.Text.Json;
using KamHub.Discovery.Contracts;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Discovery;

/// <summary>GET /api/tours: free text in both languages, every filter, every sort. Each test tags its own tours.</summary>
public sealed class TourSearchTests(DiscoveryFixture fx) : IClassFixture<DiscoveryFixture>
{
    [Fact]
    public async Task Search_WhenEnglishWordInTitle_FindsTour()
    {
        var word = DiscoveryApi.UniqueWord();
        var tour = await fx.Operator.CreatePublishedAsync(DiscoveryApi.TourBody(word));

        Assert.Equal([tour.Id()], await fx.Anonymous.SearchIdsAsync($"q={word}"));
    }

    [Fact]
    public async Task Search_WhenRussianWordInDescription_FindsTour()
    {
        var word = "жз" + new string(Enumerable.Range(0, 8).Select(_ => (char)('а' + Random.Shared.Next(32))).ToArray());
        var tour = await fx.Operator.CreatePublishedAsync(DiscoveryApi.TourBody(change: b =>
            b["description"] = new { ru = $"Сплав по реке {word} с ухой", en = "Rafting" }));

        Assert.Equal([tour.Id()], await fx.Anonymous.SearchIdsAsync($"q={Uri.EscapeDataString(word)}"));
    }

    [Fact]
    public async Task Search_WhenWordIsATag_FindsTour()
    {
        var tag = DiscoveryApi.UniqueWord();
        var tour = await fx.Operator.CreatePublishedAsync(DiscoveryApi.TourBody(change: b => b["tags"] = new[] { tag }));

        Assert.Equal([tour.Id()], await fx.Anonymous.SearchIdsAsync($"q={tag}"));
    }

    [Fact]
    public async Task Search_WhenSeveralWords_RequiresAllOfThem()
    {
        var word = DiscoveryApi.UniqueWord();
        var both = await fx.Operator.CreatePublishedAsync(DiscoveryApi.TourBody(word, b => b["description"] = new { ru = "Медведи", en = "bears salmon" }));
        await fx.Operator.CreatePublishedAsync(DiscoveryApi.TourBody(word, b => b["description"] = new { ru = "Медведи", en = "bears only" }));

        Assert.Equal([both.Id()], await fx.Anonymous.SearchIdsAsync($"q={word}+salmon"));
    }

    [Fact]
    public async Task Search_WhenDemoCatalogQueriedInEachLanguage_FindsVolcanoTours()
    {
        var en = await fx.Anonymous.SearchAsync("q=volcano&limit=100");
        var ru = await fx.Anonymous.SearchAsync($"q={Uri.EscapeDataString("вулкан")}&limit=100");

        Assert.NotEmpty(en.Items);
        Assert.NotEmpty(ru.Items);
        Assert.All(en.Items, t => Assert.Contains("volcano", t.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Search_WhenTourIsDraftOrArchived_DoesNotFindIt()
    {
        var word = DiscoveryApi.UniqueWord();
        await fx.Operator.CreateTourAsync(DiscoveryApi.TourBody(word));
        var archived = await fx.Operator.CreatePublishedAsync(DiscoveryApi.TourBody(word));
        await fx.Operator.PostAsync($"/api/tours/{archived.Id()}/archive", null);

        Assert.Empty(await fx.Anonymous.SearchIdsAsync($"q={word}"));
        Assert.Empty(await fx.Operator.SearchIdsAsync($"q={word}"));
    }

    [Fact]
    public async Task Search_ByRegion_ReturnsOnlyThatRegion()
    {
        var (tag, region) = (DiscoveryApi.UniqueWord(), DiscoveryApi.UniqueWord("region-"));
        var inRegion = await Published(tag, b => b["region"] = region);
        await Published(tag);

        Assert.Equal([inRegion], await fx.Anonymous.SearchIdsAsync($"tags={tag}&region={region}"));
    }

    [Fact]
    public async Task Search_ByPriceRange_IncludesBounds()
    {
        var tag = DiscoveryApi.UniqueWord();
        var cheap = await Published(tag, b => b["basePrice"] = 100L);
        var mid = await Published(tag, b => b["basePrice"] = 200L);
        var dear = await Published(tag, b => b["basePrice"] = 300L);

        Assert.Equal(Set(cheap, mid), Set(await fx.Anonymous.SearchIdsAsync($"tags={tag}&maxPrice=200")));
        Assert.Equal(Set(mid, dear), Set(await fx.Anonymous.SearchIdsAsync($"tags={tag}&minPrice=200")));
        Assert.Equal([mid], await fx.Anonymous.SearchIdsAsync($"tags={tag}&minPrice=150&maxPrice=250"));
    }

    [Fact]
    public async Task Search_ByDurationRange_IncludesBounds()
    {
        var tag = DiscoveryApi.UniqueWord();
        var shortTour = await Published(tag, b => b["durationMinutes"] = 60);
        var longTour = await Published(tag, b => b["durationMinutes"] = 600);

        Assert.Equal([shortTour], await fx.Anonymous.SearchIdsAsync($"tags={tag}&maxDuration=60"));
        Assert.Equal([longTour], await fx.Anonymous.SearchIdsAsync($"tags={tag}&minDuration=61&maxDuration=600"));
    }

    [Fact]
    public async Task Search_ByDifficulty_ReturnsOnlyThatDifficulty()
    {
        var tag = DiscoveryApi.UniqueWord();
        var hard = await Published(tag, b => b["difficulty"] = "hard");
        await Published(tag, b => b["difficulty"] = "easy");

        Assert.Equal([hard], await fx.Anonymous.SearchIdsAsync($"tags={tag}&difficulty=HARD"));
    }

    [Fact]
    public async Task Search_BySeveralTags_RequiresEveryTag()
    {
        var tag = DiscoveryApi.UniqueWord();
        var both = await Published(tag, b => b["tags"] = new[] { tag, "kayak" });
        await Published(tag, b => b["tags"] = new[] { tag, "kayaks" });

        Assert.Equal([both], await fx.Anonymous.SearchIdsAsync($"tags={tag},Kayak"));
    }

    [Fact]
    public async Task Search_ByOperator_ReturnsOnlyThatOperatorsTours()
    {
        var tag = DiscoveryApi.UniqueWord();
        var (other, otherId) = await fx.Factory.OtherOperatorAsync();
        var theirs = (await other.CreatePublishedAsync(DiscoveryApi.TourBody(change: b => b["tags"] = new[] { tag }))).Id();
        var ours = await Published(tag);

        Assert.Equal([theirs], await fx.Anonymous.SearchIdsAsync($"tags={tag}&operatorId={otherId}"));
        Assert.Equal([ours], await fx.Anonymous.SearchIdsAsync($"tags={tag}&operatorId={DemoOperators.Primary}"));
    }

    [Fact]
    public async Task Search_NearPoint_ReturnsToursWithinRadiusOnly()
    {
        var tag = DiscoveryApi.UniqueWord();
        // Petropavlovsk-Kamchatsky; Yelizovo is ~25 km away, Ust-Kamchatsk ~450 km.
        var city = await Published(tag, b => b["meetingPoint"] = new { lat = 53.0241, lon = 158.6433 });
        var yelizovo = await Published(tag, b => b["meetingPoint"] = new { lat = 53.1872, lon = 158.3814 });
        await Published(tag, b => b["meetingPoint"] = new { lat = 56.2200, lon = 162.4800 });
        await Published(tag);

        Assert.Equal([city], await fx.Anonymous.SearchIdsAsync($"tags={tag}&near=53.0241,158.6433&radiusKm=5"));
        Assert.Equal(Set(city, yelizovo), Set(await fx.Anonymous.SearchIdsAsync($"tags={tag}&near=53.0241,158.6433&radiusKm=40")));
    }

    [Theory]
    [InlineData("sort=price", new[] { 2, 0, 1 })]
    [InlineData("sort=price&desc=true", new[] { 1, 0, 2 })]
    [InlineData("sort=duration", new[] { 1, 2, 0 })]
    [InlineData("sort=duration&desc=true", new[] { 0, 2, 1 })]
    [InlineData("sort=newest", new[] { 2, 1, 0 })]
    [InlineData("sort=newest&desc=false", new[] { 0, 1, 2 })]
    [InlineData("", new[] { 2, 1, 0 })]
    public async Task Search_WithSort_OrdersBySortKey(string sort, int[] expectedOrder)
    {
        var tag = DiscoveryApi.UniqueWord();
        var tours = new List<Guid>
        {
            await Published(tag, b => { b["basePrice"] = 200L; b["durationMinutes"] = 600; }),
            await Published(tag, b => { b["basePrice"] = 300L; b["durationMinutes"] = 60; }),
            await Published(tag, b => { b["basePrice"] = 100L; b["durationMinutes"] = 300; }),
        };

        var ids = await fx.Anonymous.SearchIdsAsync($"tags={tag}&{sort}");

        Assert.Equal(expectedOrder.Select(i => tours[i]), ids);
    }

    [Fact]
    public async Task Search_WithRelevanceSort_RanksMoreMentionsFirst()
    {
        var word = DiscoveryApi.UniqueWord();
        var once = await fx.Operator.CreatePublishedAsync(DiscoveryApi.TourBody(change: b =>
            b["description"] = new { ru = "Описание", en = $"A long walk with one {word} somewhere in a long text about other things entirely" }));
        var often = await fx.Operator.CreatePublishedAsync(DiscoveryApi.TourBody(word, b => b["description"] = new { ru = word, en = $"{word} {word}" }));

        var ids = await fx.Anonymous.SearchIdsAsync($"q={word}&sort=relevance");

        Assert.Equal([often.Id(), once.Id()], ids);
    }

    [Fact]
    public async Task Search_WithQueryAndPriceSort_FiltersByTextOrdersByPrice()
    {
        var (tag, word) = (DiscoveryApi.UniqueWord(), DiscoveryApi.UniqueWord());
        var dear = await Published(tag, b => { b["basePrice"] = 900L; b["title"] = new { ru = word, en = word }; });
        var cheap = await Published(tag, b => { b["basePrice"] = 100L; b["title"] = new { ru = word, en = word }; });
        await Published(tag, b => b["basePrice"] = 500L);

        Assert.Equal([cheap, dear], await fx.Anonymous.SearchIdsAsync($"q={word}&tags={tag}&sort=price"));
    }

    [Fact]
    public async Task Search_Answer_HasItemsAndNextCursorShape()
    {
        var body = await (await fx.Anonymous.GetAsync("/api/tours?limit=2")).JsonAsync();

        Assert.Equal(2, body.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.String, body.GetProperty("nextCursor").ValueKind);
    }

    private async Task<Guid> Published(string tag, Action<Dictionary<string, object?>>? change = null) =>
        (await fx.Operator.CreatePublishedAsync(DiscoveryApi.TourBody(change: b =>
        {
            b["tags"] = new[] { tag };
            change?.Invoke(b);
        }))).Id();

    private static HashSet<Guid> Set(params IEnumerable<Guid> ids) => ids.ToHashSet();
}
