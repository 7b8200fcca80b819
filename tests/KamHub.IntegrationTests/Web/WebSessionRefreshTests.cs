using System.Net;
using System.Text.RegularExpressions;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KamHub.IntegrationTests.Web;

/// <summary>A browser session outlives its access token: the page refreshes it through the API and renews the cookie.</summary>
public sealed partial class WebSessionRefreshTests : IDisposable
{
    // One-minute access tokens are always within the refresh margin: every page request refreshes.
    private readonly WebFactory _factory = (WebFactory)new WebFactory(kestrel: false).With("KamHub:Jwt:AccessTokenMinutes", "1");

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task SignedInPage_WhenTheAccessTokenIsDue_RefreshesItAndRenewsTheCookie()
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var form = await client.GetStringAsync("/account/signin");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        var signIn = await client.PostAsync("/account/signin", new FormUrlEncodedContent(
            [new("Email", "tourist@demo.kamhub.local"), new("Password", KamHubFactory.DemoPassword), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var first = Session(signIn);

        var page = await client.GetAsync("/bookings");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var renewed = Session(page);
        Assert.NotEqual(first, renewed);

        // The renewed session keeps working (and is refreshed again, as its token is due again).
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/bookings")).StatusCode);
    }

    private static string Session(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("kamhub.session=", StringComparison.Ordinal)).Split(';')[0];

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
