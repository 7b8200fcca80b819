using System.Net;
using System.Text.RegularExpressions;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KamHub.IntegrationTests.Web;

/// <summary>The home page's search form passes the order and the minimum rating to the API, and shows its refusals by field.</summary>
public sealed partial class HomeSearchFormTests
{
    [Fact]
    public async Task Search_ByOrderAndMinimumRating_ShowsWhatTheApiAnswers_AndNamesABadField()
    {
        using var factory = new WebFactory(kestrel: false);
        var visitor = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

        foreach (var query in new[] { "sort=price", "sort=rating&minRating=4.5", "sort=duration&minRating=3" })
        {
            var page = await visitor.GetStringAsync("/?" + query);
            var api = await (await visitor.GetAsync("/api/tours?limit=12&" + query)).JsonAsync();
            var expected = api.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("slug").GetString()!).ToList();
            Assert.Equal(expected, TourLinks().Matches(page).Select(m => m.Groups[1].Value).ToList());
            foreach (var (name, value) in query.Split('&').Select(p => p.Split('=')).Select(p => (p[0], p[1])))
                Assert.Contains($"<option value=\"{value}\" selected=\"selected\">", SelectOf(page, name), StringComparison.Ordinal);
        }

        // Unfiltered, the demo catalogue shows tours: a minimum no tour reaches must leave none, so the filter reached the API.
        Assert.NotEmpty(TourLinks().Matches(await visitor.GetStringAsync("/")));
        var api5 = await (await visitor.GetAsync("/api/tours?limit=12&minRating=5")).JsonAsync();
        Assert.Equal(api5.GetProperty("items").GetArrayLength(), TourLinks().Matches(await visitor.GetStringAsync("/?minRating=5")).Count);

        foreach (var (query, field) in new[] { ("sort=best", "sort"), ("minRating=9", "minRating") })
        {
            var refused = await visitor.GetAsync("/?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains($"id=\"{field}-error\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private static string SelectOf(string page, string name)
    {
        var start = page.IndexOf($"<select id=\"{name}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no select {name}");
        return page[start..page.IndexOf("</select>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("<h2><a href=\"/tours/([^\"]+)\">")]
    private static partial Regex TourLinks();
}
