using System.Net;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KamHub.IntegrationTests.Web;

/// <summary>The pages over plain HTTP, without a browser: who may open what, anti-forgery, friendly error pages.</summary>
public sealed class WebAccessTests : IDisposable
{
    private readonly WebFactory _factory = new(kestrel: false);

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task DeskAndConsole_WhenAnonymous_AskToSignIn_WhenTourist_Answer403()
    {
        var client = Client();
        foreach (var path in new[] { "/desk", "/console" })
        {
            var anonymous = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.StartsWith("https://localhost/account/signin", anonymous.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        await SignInAsync(client, "tourist@demo.kamhub.local", KamHubFactory.DemoPassword);
        foreach (var path in new[] { "/desk", "/console" })
        {
            var tourist = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, tourist.StatusCode);
            var denied = await client.GetAsync(tourist.Headers.Location);
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        }

        // The session cookie is for pages only: the API still wants a bearer token.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Desk_ShowsTheOperatorTheBookingsOfItsToursWithParticipantsAndContacts()
    {
        var tourist = await _factory.AsDemoAsync("tourist");
        var tours = await (await tourist.GetAsync($"/api/tours?operatorId={KamHub.Discovery.Contracts.DemoOperators.Primary}&limit=1")).JsonAsync();
        var tourId = tours.GetProperty("items")[0].GetProperty("id").GetString();
        var departures = await (await tourist.GetAsync($"/api/tours/{tourId}/departures")).JsonAsync();
        using var book = new HttpRequestMessage(HttpMethod.Post, "/api/bookings")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new
            {
                departureId = departures[0].GetProperty("id").GetString(),
                adults = 2,
                participants = new[] { new { name = "Zoya Kuznetsova" }, new { name = "Petr Kuznetsov" } },
                contact = new { email = "zoya@example.com", phone = "+79001234567" },
            }),
        };
        book.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, (await tourist.SendAsync(book)).StatusCode);

        var client = Client();
        await SignInAsync(client, "operator@demo.kamhub.local", KamHubFactory.DemoPassword);
        var desk = await client.GetAsync("/desk");
        Assert.Equal(HttpStatusCode.OK, desk.StatusCode);
        var html = await desk.Content.ReadAsStringAsync();
        Assert.Contains("Zoya Kuznetsova, Petr Kuznetsov", html, StringComparison.Ordinal);
        Assert.Contains("zoya@example.com", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionCookie_IsHttpOnlySecureAndSameSite_AndFormsRefuseAMissingAntiforgeryToken()
    {
        var client = Client();
        var signIn = await SignInAsync(client, "tourist@demo.kamhub.local", KamHubFactory.DemoPassword);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("kamhub.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);

        var forged = await client.PostAsync("/account/signout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/bookings")).StatusCode);
    }

    [Fact]
    public async Task UnknownPage_IsAFriendlyPageInTheChosenLanguage_UnknownApiPathStaysProblemJson()
    {
        var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/no/such/page");
        request.Headers.Accept.ParseAdd("text/html");
        request.Headers.AcceptLanguage.ParseAdd("ru");
        var page = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Страница не найдена", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var api = await client.GetAsync("/api/no/such/thing");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task NotificationPreferences_AreSavedThroughTheApi_AndABadTimeZoneIsNamedNextToItsField()
    {
        var client = Client();
        await SignInAsync(client, "tourist@demo.kamhub.local", KamHubFactory.DemoPassword);
        var form = await client.GetStringAsync("/me/notifications");
        Assert.Contains("name=\"On\" value=\"marketing.email\"", form, StringComparison.Ordinal);
        var token = WebForms.AntiforgeryTokenOf(form);

        var bad = await client.PostAsync("/me/notifications", new FormUrlEncodedContent(
            [new("TimeZone", "Mars/Olympus"), new("On", "reminders.email"), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var shown = await bad.Content.ReadAsStringAsync();
        Assert.Contains("id=\"time-zone-error\"", shown, StringComparison.Ordinal);
        Assert.Contains("value=\"Mars/Olympus\"", shown, StringComparison.Ordinal);

        var saved = await client.PostAsync("/me/notifications", new FormUrlEncodedContent(
            [new("TimeZone", "Asia/Kamchatka"), new("QuietStart", "22:00"), new("QuietEnd", "08:00"), new("On", "reminders.email"), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var api = await _factory.AsDemoAsync("tourist");
        var prefs = await (await api.GetAsync("/api/me/notification-preferences")).JsonAsync();
        Assert.Equal("Asia/Kamchatka", prefs.GetProperty("timeZone").GetString());
        Assert.Equal("22:00", prefs.GetProperty("quietHours").GetProperty("start").GetString());
        var channels = prefs.GetProperty("channels");
        Assert.True(channels.GetProperty("reminders").GetProperty("email").GetBoolean());
        Assert.False(channels.GetProperty("reminders").GetProperty("sms").GetBoolean());
        Assert.False(channels.GetProperty("marketing").GetProperty("email").GetBoolean());
        Assert.True(channels.GetProperty("transactional").GetProperty("sms").GetBoolean());
    }

    private HttpClient Client() =>
        _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost"), HandleCookies = true });

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) => WebForms.SignInAsync(client, email, password);
}
