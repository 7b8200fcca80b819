using System.Net;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KamHub.IntegrationTests.Web;

/// <summary>
/// The anonymous home page is served from memory for KamHub:Web:HomePageCacheSeconds, per query and language; a
/// signed-in visitor's never is. The output cache marks what it serves with an Age header.
/// </summary>
public sealed class HomePageCacheTests
{
    [Fact]
    public async Task HomePage_ForAnonymousVisitors_IsKeptPerQueryAndLanguage_NeverForSignedInOnes()
    {
        using var factory = new WebFactory(kestrel: false);
        var visitor = Client(factory);

        var first = await visitor.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Null(first.Headers.Age);
        Assert.False(first.Headers.Contains("Set-Cookie"), "an anonymous home page sets no cookie (nothing else could be shared)");
        var again = await visitor.GetAsync("/");
        Assert.NotNull(again.Headers.Age);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());

        // Another query is another page.
        Assert.Null((await visitor.GetAsync("/?q=volcano")).Headers.Age);
        Assert.NotNull((await visitor.GetAsync("/?q=volcano")).Headers.Age);

        // Another language is another page: asked by the header, then by the switch's cookie.
        using var russian = new HttpRequestMessage(HttpMethod.Get, "/");
        russian.Headers.AcceptLanguage.ParseAdd("ru");
        var inRussian = await visitor.SendAsync(russian);
        Assert.Null(inRussian.Headers.Age);
        Assert.Contains("Найдите тур по Камчатке", await inRussian.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var chooser = Client(factory);
        var switched = await chooser.GetAsync("/culture?language=ru&returnUrl=%2F%3Fq%3Dvolcano");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/?q=volcano", switched.Headers.Location!.OriginalString);
        var byCookie = await chooser.GetAsync("/");
        Assert.NotNull(byCookie.Headers.Age);
        Assert.Contains("Найдите тур по Камчатке", await byCookie.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("/", (await chooser.GetAsync("/culture?language=en&returnUrl=https%3A%2F%2Fevil.example%2F")).Headers.Location!.OriginalString);

        // Signed in: rendered every time, with the visitor's own menu.
        var member = Client(factory);
        await WebForms.SignInAsync(member, "tourist@demo.kamhub.local", KamHubFactory.DemoPassword);
        foreach (var _ in new[] { 1, 2 })
        {
            var page = await member.GetAsync("/");
            Assert.Null(page.Headers.Age);
            Assert.Contains("/bookings", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task HomePage_ShowsANewTourOnceItsSecondsHavePassed_ZeroSecondsRendersEveryTime_AndMoreThan300StopsTheStart()
    {
        using (var factory = new WebFactory(kestrel: false))
        {
            factory.With("KamHub:Web:HomePageCacheSeconds", "1");
            var word = DiscoveryApi.UniqueWord();
            var title = $"Test tour {word}";
            var visitor = Client(factory);
            Assert.DoesNotContain(title, await visitor.GetStringAsync($"/?q={word}"), StringComparison.Ordinal);

            await factory.Operator().CreatePublishedAsync(DiscoveryApi.TourBody(word));

            await BookingApi.EventuallyAsync(async () => (await visitor.GetStringAsync($"/?q={word}")).Contains(title, StringComparison.Ordinal),
                "the new tour on the home page once the cached one has expired");
        }

        using (var factory = new WebFactory(kestrel: false))
        {
            factory.With("KamHub:Web:HomePageCacheSeconds", "0");
            var visitor = Client(factory);
            Assert.Null((await visitor.GetAsync("/")).Headers.Age);
            Assert.Null((await visitor.GetAsync("/")).Headers.Age);
        }

        // The setting is checked as the app registers it: out of range, the options (and so the start) fail naming it.
        var services = new ServiceCollection();
        KamHub.Web.Caching.HomePageCache.Add(services, new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["KamHub:Web:HomePageCacheSeconds"] = "301" }).Build());
        using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<KamHub.Web.Caching.HomePageCacheOptions>>().Value);
        Assert.Contains("KamHub:Web:HomePageCacheSeconds is 301", error.Message, StringComparison.Ordinal);
    }

    private static HttpClient Client(WebFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost"), HandleCookies = true });
}
