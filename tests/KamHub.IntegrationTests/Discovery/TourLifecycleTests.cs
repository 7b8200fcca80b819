using System.Net;
using System.Net.Http.Json;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Discovery;

/// <summary>draft → published → archived, explicit actions only; archived is final.</summary>
public sealed class TourLifecycleTests(DiscoveryFixture fx) : IClassFixture<DiscoveryFixture>
{
    [Fact]
    public async Task CreateTour_WithScriptBody_Returns201DraftWithSlugAndLocation()
    {
        var word = DiscoveryApi.UniqueWord();

        var response = await fx.Operator.PostAsJsonAsync("/api/tours", DiscoveryApi.TourBody(word));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var tour = await response.JsonAsync();
        Assert.Equal("draft", tour.GetProperty("status").GetString());
        Assert.Equal($"test-tour-{word}", tour.GetProperty("slug").GetString());
        Assert.Equal(500_000, tour.GetProperty("basePrice").GetInt64());
        Assert.Equal("RUB", tour.GetProperty("currency").GetString());
        Assert.Equal($"Тестовый тур {word}", tour.GetProperty("title").GetProperty("ru").GetString());
        Assert.NotNull(response.Headers.Location);
    }

    [Fact]
    public async Task CreateTour_WithoutCurrency_DefaultsToRub()
    {
        var tour = await fx.Operator.CreateTourAsync(DiscoveryApi.TourBody(change: b => b.Remove("currency")));

        Assert.Equal("RUB", tour.GetProperty("currency").GetString());
    }

    [Fact]
    public async Task CreateTour_WithTakenTitle_GetsNextFreeSlug()
    {
        var word = DiscoveryApi.UniqueWord();

        var first = await fx.Operator.CreateTourAsync(DiscoveryApi.TourBody(word));
        var second = await fx.Operator.CreateTourAsync(DiscoveryApi.TourBody(word));

        Assert.Equal($"test-tour-{word}", first.GetProperty("slug").GetString());
        Assert.Equal($"test-tour-{word}-2", second.GetProperty("slug").GetString());
    }

    [Fact]
    public async Task CreateTour_WhenManyAtOnceWithOneTitle_EachGetsItsOwnSlug()
    {
        var body = DiscoveryApi.TourBody();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => fx.Operator.PostAsJsonAsync("/api/tours", body)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var slugs = await Task.WhenAll(responses.Select(async r => (await r.JsonAsync()).GetProperty("slug").GetString()));
        Assert.Equal(slugs.Length, slugs.Distinct().Count());
    }

    [Fact]
    public async Task Publish_WhenDraft_MakesTourPublicByIdAndSlug()
    {
        var draft = await fx.Operator.CreateTourAsync(DiscoveryApi.TourBody());
        var slug = draft.GetProperty("slug").GetString();
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Anonymous.GetAsync($"/api/tours/{slug}")).StatusCode);

        var published = await (await fx.Operator.PostAsync($"/api/tours/{draft.Id()}/publish", null)).JsonAsync();

        Assert.Equal("published", published.GetProperty("status").GetString());
        var byId = await (await fx.Anonymous.GetAsync($"/api/tours/{draft.Id()}")).JsonAsync();
        var bySlug = await (await fx.Anonymous.GetAsync($"/api/tours/{slug}")).JsonAsync();
        Assert.Equal(draft.Id(), byId.Id());
        Assert.Equal(draft.Id(), bySlug.Id());
    }

    [Fact]
    public async Task Publish_WhenAlreadyPublished_IsIdempotent()
    {
        var tour = await fx.Operator.CreatePublishedAsync(DiscoveryApi.TourBody());

        var again = await fx.Operator.PostAsync($"/api/tours/{tour.Id()}/publish", null);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("published", (await again.JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Archive_WhenPublished_HidesTourFromPublicButNotFromOperator()
    {
        var tour = await fx.Operator.CreatePublishedAsync(DiscoveryApi.TourBody());

        var archived = await fx.Operator.PostAsync($"/api/tours/{tour.Id()}/archive", null);

        Assert.Equal("archived", (await archived.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Anonymous.GetAsync($"/api/tours/{tour.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fx.Operator.GetAsync($"/api/tours/{tour.Id()}")).StatusCode);
    }

    [Fact]
    public async Task Archive_WhenDraft_Archives()
    {
        var tour = await fx.Operator.CreateTourAsync(DiscoveryApi.TourBody());

        var archived = await fx.Operator.PostAsync($"/api/tours/{tour.Id()}/archive", null);

        Assert.Equal("archived", (await archived.JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Publish_WhenArchived_Returns409()
    {
        var tour = await fx.Operator.CreatePublishedAsync(DiscoveryApi.TourBody());
        await fx.Operator.PostAsync($"/api/tours/{tour.Id()}/archive", null);

        var response = await fx.Operator.PostAsync($"/api/tours/{tour.Id()}/publish", null);

        await DiscoveryApi.AssertProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task UpdateTour_WhenArchived_Returns409()
    {
        var tour = await fx.Operator.CreateTourAsync(DiscoveryApi.TourBody());
        await fx.Operator.PostAsync($"/api/tours/{tour.Id()}/archive", null);

        var response = await fx.Operator.PutAsJsonAsync($"/api/tours/{tour.Id()}", DiscoveryApi.TourBody());

        await DiscoveryApi.AssertProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task UpdateTour_KeepsSlugAndStatus_ReplacesFields()
    {
        var tour = await fx.Operator.CreatePublishedAsync(DiscoveryApi.TourBody());

        var updated = await (await fx.Operator.PutAsJsonAsync($"/api/tours/{tour.Id()}",
            DiscoveryApi.TourBody(change: b => { b["basePrice"] = 123_400L; b["tags"] = new[] { "Bears", "bears", "sea" }; }))).JsonAsync();

        Assert.Equal(tour.GetProperty("slug").GetString(), updated.GetProperty("slug").GetString());
        Assert.Equal("published", updated.GetProperty("status").GetString());
        Assert.Equal(123_400, updated.GetProperty("basePrice").GetInt64());
        Assert.Equal(["bears", "sea"], updated.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task Actions_WhenTourMissing_Return404()
    {
        var id = Guid.NewGuid();

        await DiscoveryApi.AssertProblemAsync(await fx.Operator.PostAsync($"/api/tours/{id}/publish", null), HttpStatusCode.NotFound);
        await DiscoveryApi.AssertProblemAsync(await fx.Operator.DeleteAsync($"/api/tours/{id}"), HttpStatusCode.NotFound);
        await DiscoveryApi.AssertProblemAsync(await fx.Anonymous.GetAsync($"/api/tours/{id}"), HttpStatusCode.NotFound);
        await DiscoveryApi.AssertProblemAsync(await fx.Anonymous.GetAsync("/api/tours/no-such-slug"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetTour_WhenDemoTourBySlug_ReturnsIt()
    {
        var (items, _) = await fx.Anonymous.SearchAsync("limit=1");
        var slug = items[0].GetProperty("slug").GetString();

        var tour = await (await fx.Anonymous.GetAsync($"/api/tours/{slug}")).JsonAsync();

        Assert.Equal(items[0].Id(), tour.Id());
    }
}
