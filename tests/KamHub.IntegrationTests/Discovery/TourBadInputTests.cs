using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Discovery;

/// <summary>Whatever a client sends to the catalog, the answer is a 4xx problem naming the field (or a correct 200), never a 500.</summary>
public sealed class TourBadInputTests(DiscoveryFixture fx) : IClassFixture<DiscoveryFixture>
{
    private Task<HttpResponseMessage> PostRawAsync(string body) =>
        fx.Operator.PostAsync("/api/tours", new StringContent(body, Encoding.UTF8, "application/json"));

    [Theory]
    [InlineData("{\"title\": ")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public async Task CreateTour_WithMalformedJson_Returns400(string body) =>
        await DiscoveryApi.AssertProblemAsync(await PostRawAsync(body), HttpStatusCode.BadRequest);

    [Theory]
    [InlineData("basePrice", "\"abc\"")]
    [InlineData("basePrice", "1.5")]
    [InlineData("durationMinutes", "\"long\"")]
    [InlineData("difficulty", "\"impossible\"")]
    [InlineData("difficulty", "2")]
    [InlineData("tags", "\"volcano\"")]
    [InlineData("title", "\"just a string\"")]
    [InlineData("meetingPoint", "{\"lat\": \"north\", \"lon\": 1}")]
    [InlineData("unknownField", "1")]
    public async Task CreateTour_WithWrongTypeOrUnknownValue_Returns400NamingTheField(string field, string json)
    {
        var body = JsonNode.Parse(JsonSerializer.Serialize(DiscoveryApi.TourBody()))!.AsObject();
        body[field] = JsonNode.Parse(json);

        var response = await PostRawAsync(body.ToJsonString());

        var problem = await response.Content.ReadAsStringAsync();
        await DiscoveryApi.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(field, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("basePrice", -1L)]
    [InlineData("durationMinutes", 0)]
    [InlineData("maxGroupSize", 0)]
    [InlineData("currency", "rubles")]
    [InlineData("region", "")]
    [InlineData("tags", new[] { "a|b" })]
    [InlineData("photos", new[] { "javascript:alert(1)" })]
    public async Task CreateTour_WithOutOfRangeValue_Returns400NamingTheField(string field, object value)
    {
        var response = await fx.Operator.PostAsJsonAsync("/api/tours", DiscoveryApi.TourBody(change: b => b[field] = value));

        var expected = field is "tags" or "photos" ? $"{field}[0]" : field;
        await DiscoveryApi.AssertProblemAsync(response, HttpStatusCode.BadRequest, expected);
    }

    [Fact]
    public async Task CreateTour_WithMissingTitle_Returns400NamingEachLanguage()
    {
        var response = await fx.Operator.PostAsJsonAsync("/api/tours", DiscoveryApi.TourBody(change: b => b["title"] = new { ru = "Тур" }));

        await DiscoveryApi.AssertProblemAsync(response, HttpStatusCode.BadRequest, "title.en");
    }

    [Fact]
    public async Task CreateTour_WithHugeBody_Returns413()
    {
        var response = await fx.Operator.PostAsJsonAsync("/api/tours",
            DiscoveryApi.TourBody(change: b => b["description"] = new { ru = new string('я', 3_000_000), en = "x" }));

        await DiscoveryApi.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task CreateTour_WithTooLongDescription_Returns400NamingIt()
    {
        var response = await fx.Operator.PostAsJsonAsync("/api/tours",
            DiscoveryApi.TourBody(change: b => b["description"] = new { ru = new string('я', 5001), en = "x" }));

        await DiscoveryApi.AssertProblemAsync(response, HttpStatusCode.BadRequest, "description.ru");
    }

    [Theory]
    [InlineData(@"Tour \u0000 with NUL")]
    [InlineData(@"Lone \ud800 surrogate")]
    public async Task CreateTour_WithUnstorableText_Returns400NamingTheField(string escapedTitle)
    {
        var body = JsonSerializer.Serialize(DiscoveryApi.TourBody(change: b => b["title"] = new { ru = "Тур", en = "PLACEHOLDER" }))
            .Replace("PLACEHOLDER", escapedTitle, StringComparison.Ordinal);

        await DiscoveryApi.AssertProblemAsync(await PostRawAsync(body), HttpStatusCode.BadRequest, "title.en");
    }

    [Fact]
    public async Task CreateTour_WithSqlAndEmojiInText_StoresAndFindsItVerbatim()
    {
        var word = DiscoveryApi.UniqueWord();
        var title = $"'; DROP TABLE discovery_tours; -- \"{word}\" 🌋 NEAR( * OR";

        var tour = await fx.Operator.CreatePublishedAsync(DiscoveryApi.TourBody(change: b =>
            { b["title"] = new { ru = "Вулкан 🌋 ' OR 1=1 --", en = title }; b["tags"] = new[] { "🔥", "o'brien" }; }));

        var read = await (await fx.Anonymous.GetAsync($"/api/tours/{tour.Id()}")).JsonAsync();
        Assert.Equal(title, read.GetProperty("title").GetProperty("en").GetString());
        Assert.Equal([tour.Id()], await fx.Anonymous.SearchIdsAsync($"q={Uri.EscapeDataString(title)}"));
        Assert.Equal([tour.Id()], await fx.Anonymous.SearchIdsAsync($"tags={Uri.EscapeDataString("o'brien")}&q={word}"));
    }

    [Fact]
    public async Task Search_ForAWordOutsideTheBasicPlane_FindsTheTourThatHasIt()
    {
        // CJK extension B ideographs are surrogate pairs in .NET strings: well-formed text, not noise to drop.
        var word = "\U0002000B\U000200A2\U00020B9F" + char.ConvertFromUtf32(0x20000 + Random.Shared.Next(1, 40000));
        var tour = await fx.Operator.CreatePublishedAsync(DiscoveryApi.TourBody(change: b =>
            b["title"] = new { ru = $"Тур {word}", en = $"Tour {word}" }));

        Assert.Equal([tour.Id()], await fx.Anonymous.SearchIdsAsync($"q={Uri.EscapeDataString(word)}"));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"unterminated")]
    [InlineData("*")]
    [InlineData("volcano*")]
    [InlineData("'; DROP TABLE discovery_tours; --")]
    [InlineData("NEAR(")]
    [InlineData("NEAR(volcano bears, 2)")]
    [InlineData("volcano AND OR NOT")]
    [InlineData("title_en:volcano")]
    [InlineData("-volcano")]
    [InlineData("^volcano")]
    [InlineData("volcano & | ! <-> :*")]
    [InlineData("🌋")]
    [InlineData("🌋 volcano")]
    [InlineData("(((")]
    [InlineData("%")]
    [InlineData("_")]
    public async Task Search_WithQuerySyntaxInText_Returns200(string q)
    {
        var response = await fx.Anonymous.GetAsync($"/api/tours?q={Uri.EscapeDataString(q)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The same rule as body text, on both providers (PostgreSQL cannot take a NUL; SQLite would search for it).</summary>
    [Theory]
    [InlineData("\u0000volcano")]
    [InlineData("volcano\u001b")]
    public async Task Search_WithControlCharactersInText_Returns400NamingQ(string q)
    {
        var response = await fx.Anonymous.GetAsync($"/api/tours?q={Uri.EscapeDataString(q)}");

        await DiscoveryApi.AssertProblemAsync(response, HttpStatusCode.BadRequest, "q");
    }

    [Theory]
    [InlineData("\"volcano\"")]
    [InlineData("volcano!")]
    [InlineData("VOLCANO")]
    [InlineData("🌋volcano")]
    public async Task Search_WithPunctuationAroundWord_FindsTheWord(string q)
    {
        var plain = await fx.Anonymous.SearchIdsAsync("q=volcano&limit=100");

        var decorated = await fx.Anonymous.SearchIdsAsync($"q={Uri.EscapeDataString(q)}&limit=100");

        Assert.NotEmpty(plain);
        Assert.Equal(plain.ToHashSet(), decorated.ToHashSet());
    }

    [Theory]
    [InlineData("minPrice=abc", "minPrice")]
    [InlineData("minPrice=-1", "minPrice")]
    [InlineData("minPrice=500&maxPrice=100", "maxPrice")]
    [InlineData("minDuration=9&maxDuration=1", "maxDuration")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("difficulty=impossible", "difficulty")]
    [InlineData("difficulty=1", "difficulty")]
    [InlineData("sort=cheapest", "sort")]
    [InlineData("near=north", "near")]
    [InlineData("near=91,0", "near")]
    [InlineData("near=53,158&radiusKm=-5", "radiusKm")]
    [InlineData("near=53,158&radiusKm=NaN", "radiusKm")]
    [InlineData("cursor=garbage!", "cursor")]
    [InlineData("cursor=e30", "cursor")]
    [InlineData("region=%00", "region")]
    [InlineData("tags=volcano%7Chiking", "tags")]
    [InlineData("operatorId=not-a-guid", "operatorId")]
    public async Task Search_WithBadParameter_Returns400(string query, string field)
    {
        var response = await fx.Anonymous.GetAsync("/api/tours?" + query);

        var text = await response.Content.ReadAsStringAsync();
        await DiscoveryApi.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(field, text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Relevance", "abc")]
    [InlineData("Newest", "abc")]
    [InlineData("Newest", "99999999999999999999")]
    [InlineData("Newest", "-5")]
    [InlineData("Price", "1.5")]
    [InlineData("Duration", "99999999999")]
    public async Task Search_WithForgedCursorKey_Returns400NamingCursor(string sort, string key)
    {
        var json = $"{{\"Sort\":\"{sort}\",\"Desc\":{(sort is "Relevance" or "Newest" ? "true" : "false")},\"Key\":\"{key}\",\"Id\":\"{Guid.NewGuid()}\"}}";
        var cursor = Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var q = sort == "Relevance" ? "q=volcano&" : $"sort={sort}&";

        var response = await fx.Anonymous.GetAsync($"/api/tours?{q}cursor={cursor}");

        await DiscoveryApi.AssertProblemAsync(response, HttpStatusCode.BadRequest, "cursor");
    }

    [Fact]
    public async Task GetTour_WithOddSlug_Returns404()
    {
        foreach (var slug in new[] { "'%20OR%201=1", new string('a', 500), "%F0%9F%8C%8B" })
        {
            var response = await fx.Anonymous.GetAsync($"/api/tours/{slug}");
            await DiscoveryApi.AssertProblemAsync(response, HttpStatusCode.NotFound);
        }
    }
}
