using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Discovery;

/// <summary>
/// Keyset paging: walking every page while other tours are being added neither repeats nor skips any tour that
/// existed when the walk began, for every sort, including rows that tie on the sort key.
/// </summary>
public sealed class TourPagingTests(DiscoveryFixture fx) : IClassFixture<DiscoveryFixture>
{
    [Theory]
    [InlineData("sort=newest")]
    [InlineData("sort=newest&desc=false")]
    [InlineData("sort=price")]
    [InlineData("sort=price&desc=true")]
    [InlineData("sort=duration")]
    [InlineData("sort=duration&desc=true")]
    [InlineData("sort=price&near=53.0241,158.6433&radiusKm=30")]
    public async Task Search_WhenWalkingPagesWhileToursAreAdded_SeesEveryOriginalTourOnce(string sort)
    {
        var tag = DiscoveryApi.UniqueWord();
        // Three prices and two durations for nine tours: most neighbours tie on the sort key.
        var original = new HashSet<Guid>();
        for (var i = 0; i < 9; i++) original.Add(await PublishedAsync(tag, i));

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var (items, next) = await fx.Anonymous.SearchAsync($"tags={tag}&{sort}&limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(items.Select(i => i.Id()));
            cursor = next;
            // A newcomer on every page, with key values that tie with and fall on both sides of the page boundary.
            await PublishedAsync(tag, 100 + pages);
            pages++;
        } while (cursor is not null && pages < 50);

        Assert.Null(cursor);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Subset(seen.ToHashSet(), original);
    }

    [Fact]
    public async Task Search_WhenWalkingRelevancePagesWithTiedRanks_SeesEveryMatchOnce()
    {
        var word = DiscoveryApi.UniqueWord();
        // Identical texts give identical ranks: only the id tie-breaker orders them.
        var original = new HashSet<Guid>();
        for (var i = 0; i < 5; i++) original.Add((await fx.Operator.CreatePublishedAsync(DiscoveryApi.TourBody(word))).Id());
        original.Add((await fx.Operator.CreatePublishedAsync(DiscoveryApi.TourBody(word, b => b["description"] = new { ru = word, en = word }))).Id());

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var (items, next) = await fx.Anonymous.SearchAsync($"q={word}&limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(items.Select(i => i.Id()));
            cursor = next;
            pages++;
        } while (cursor is not null && pages < 20);

        Assert.Equal(original.Count, seen.Count);
        Assert.Equal(original, seen.ToHashSet());
    }

    [Fact]
    public async Task Search_WhenCursorFromAnotherSort_Returns400NamingCursor()
    {
        var (_, cursor) = await fx.Anonymous.SearchAsync("sort=price&limit=1");

        var response = await fx.Anonymous.GetAsync($"/api/tours?sort=duration&limit=1&cursor={cursor}");

        await DiscoveryApi.AssertProblemAsync(response, System.Net.HttpStatusCode.BadRequest, "cursor");
    }

    private async Task<Guid> PublishedAsync(string tag, int n) =>
        (await fx.Operator.CreatePublishedAsync(DiscoveryApi.TourBody(change: b =>
        {
            b["tags"] = new[] { tag };
            b["basePrice"] = 1000L * (n % 3 + 1);
            b["durationMinutes"] = 60 * (n % 2 + 1);
            b["meetingPoint"] = new { lat = 53.0241 + n % 4 * 0.01, lon = 158.6433 };
        }))).Id();
}
