using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using KamHub.Booking.Data;
using KamHub.Core.Events;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KamHub.IntegrationTests.Web;

/// <summary>
/// The operator desk and the operations console in a real headless Chromium, on one host and one browser. A test-only
/// subscriber of booking.created fails while <see cref="Poison"/> says so (one attempt, so its failure is a dead letter at
/// once), which gives the booking's timeline a dead letter to retry.
/// </summary>
public sealed class OperationsBrowserTests : IAsyncLifetime
{
    private const string Subscriber = "web-test.timeline";

    private readonly WebFactory _factory = new(kestrel: true, services => services
        .AddSingleton<Poison>()
        .AddEventSubscriber<BookingDbContext, PoisonedHandler>(Subscriber, "booking.created"));

    private Browser _browser = null!;
    private Uri _site = null!;

    public async Task InitializeAsync()
    {
        _factory.With("KamHub:Events:MaxAttempts", "1").With("KamHub:Events:PollInterval", "00:00:00.200");
        _site = _factory.Listening();
        _browser = await Browser.LaunchAsync();
        SetDefaultExpectTimeout(15_000);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task OperatorCreatesATourAndADepartureAndSeesTheBooking_AdminRetriesItsDeadLetterFromTheTimeline()
    {
        var title = "Lava field walk " + Guid.NewGuid().ToString("N")[..6];
        var desk = await SignedInPageAsync("operator@demo.kamhub.local", KamHubFactory.DemoPassword);
        await desk.GotoAsync("/desk");
        await desk.GetByRole(AriaRole.Link, new() { Name = "New tour" }).ClickAsync();
        await desk.GetByLabel("Title (English)").FillAsync(title);
        await desk.GetByLabel("Title (Russian)").FillAsync("Прогулка по лавовому полю");
        await desk.GetByLabel("Duration (minutes)").FillAsync("240");
        await desk.GetByLabel("Price per adult").FillAsync("4500");
        await desk.GetByLabel("Largest group").FillAsync("0");
        await desk.GetByLabel(new Regex("^Tags")).FillAsync("lava, hiking");
        await desk.GetByLabel(new Regex("^Meeting point")).FillAsync("north of Klyuchi");
        await desk.GetByLabel(new Regex("^Refund tiers")).FillAsync("7d 100%\none week: all");
        await desk.GetByLabel("First month").SelectOptionAsync("6");
        await desk.GetByLabel(new Regex("^Photo URLs")).FillAsync("https://example.com/lava-1.jpg\nhttps://example.com/lava-2.jpg");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        // A bad field is named and what was typed stays: first the page's own reading of the meeting point, then the API's rule.
        await Expect(desk.Locator("#meeting-point-error")).ToContainTextAsync("Meeting point");
        await Expect(desk.Locator("#policy-error")).ToContainTextAsync("cannot read \"one week: all\"");
        await Expect(desk.Locator("#season-to-error")).ToContainTextAsync("choose both months");
        await Expect(desk.GetByLabel("First month")).ToHaveValueAsync("6");
        await Expect(desk.GetByLabel(new Regex("^Tags"))).ToHaveValueAsync("lava, hiking");
        await desk.GetByLabel(new Regex("^Meeting point")).FillAsync("56.32, 160.85");
        await desk.GetByLabel(new Regex("^Refund tiers")).FillAsync("7d 100%\n48h 50%");
        await desk.GetByLabel("Last month").SelectOptionAsync("9");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(desk.Locator("#group-error")).ToContainTextAsync("Largest group");
        await Expect(desk.GetByLabel("Title (English)")).ToHaveValueAsync(title);
        await desk.GetByLabel("Largest group").FillAsync("8");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(desk.Locator("h1")).ToContainTextAsync(title);
        await Expect(desk.Locator("h1")).ToContainTextAsync("Draft");
        var tourId = Regex.Match(desk.Url, "/desk/tours/([0-9a-f-]{36})").Groups[1].Value;

        var start = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd'T'09:00", CultureInfo.InvariantCulture);
        await desk.GetByLabel("Starts at (local time)").FillAsync(start);
        await desk.GetByLabel("Capacity (seats)").FillAsync("8");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Schedule", Exact = true }).ClickAsync();
        await Expect(desk.Locator("h1")).ToContainTextAsync("Scheduled");
        var departureId = Regex.Match(desk.Url, "/desk/departures/([0-9a-f-]{36})").Groups[1].Value;

        await desk.GotoAsync("/desk");
        var row = desk.Locator("tr", new() { HasText = title });
        await row.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Expect(desk.Locator("tr", new() { HasText = title })).ToContainTextAsync("Published");

        var saved = await (await _factory.AsAdminAsync()).GetJsonAsync($"/api/tours/{tourId}");
        Assert.Equal(["lava", "hiking"], saved.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(160.85, saved.GetProperty("meetingPoint").GetProperty("lon").GetDouble());
        var tiers = saved.GetProperty("cancellationPolicy").GetProperty("tiers").EnumerateArray().ToList();
        Assert.Equal((7, 100), (tiers[0].GetProperty("daysBefore").GetInt32(), tiers[0].GetProperty("refundPercent").GetInt32()));
        Assert.Equal((48, 50), (tiers[1].GetProperty("hoursBefore").GetInt32(), tiers[1].GetProperty("refundPercent").GetInt32()));
        Assert.Equal((6, 9), (saved.GetProperty("season").GetProperty("fromMonth").GetInt32(), saved.GetProperty("season").GetProperty("toMonth").GetInt32()));
        Assert.Equal(["https://example.com/lava-1.jpg", "https://example.com/lava-2.jpg"], saved.GetProperty("photos").EnumerateArray().Select(p => p.GetString()));
        // Editing shows the tiers as typed, one a line.
        await desk.GotoAsync($"/desk/tours/edit/{tourId}");
        await Expect(desk.GetByLabel(new Regex("^Refund tiers"))).ToHaveValueAsync("7d 100%\n48h 50%");

        var bookingId = await BookAsync(departureId);
        await desk.GotoAsync($"/desk/departures/{departureId}");
        await Expect(desk.Locator("table.bookings")).ToContainTextAsync("Lena Ivanova, Oleg Ivanov");
        await Expect(desk.Locator("table.bookings")).ToContainTextAsync("lena@example.com");
        await Expect(desk.GetByRole(AriaRole.Img, new() { Name = "2 of 8 seats taken" })).ToBeVisibleAsync();
        await desk.GetByRole(AriaRole.Link, new() { Name = "Cancel departure…" }).ClickAsync();
        await Expect(desk.Locator("#affected")).ToContainTextAsync("1 live bookings (2 seats)");

        // The test subscriber failed on the booking's booking.created: a dead letter of this booking.
        var admin = await _factory.AsAdminAsync();
        await EventuallyAsync(async () => (await admin.GetStringAsync($"/api/admin/dead-letters?subscriber={Subscriber}")).Contains(bookingId, StringComparison.Ordinal),
            "the poisoned subscriber's dead letter");

        var console = await SignedInPageAsync(KamHubFactory.AdminEmail, KamHubFactory.AdminPassword);
        await console.GotoAsync($"/console/bookings/{bookingId}");
        await Expect(console.Locator(".timeline")).ToContainTextAsync("booking.created");
        await Expect(console.Locator(".timeline")).ToContainTextAsync("Dead letter");
        _factory.Services.GetRequiredService<Poison>().On = false;
        await console.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        await Expect(console.GetByRole(AriaRole.Status)).ToContainTextAsync("is delivered again");
        await EventuallyAsync(async () => _factory.Services.GetRequiredService<Poison>().Handled.Contains(bookingId), "the retried delivery handled");
        Assert.DoesNotContain(bookingId, await admin.GetStringAsync($"/api/admin/dead-letters?subscriber={Subscriber}"), StringComparison.Ordinal);

        // The newest payments without a booking id to start from; the filter by status leaves the pending one out.
        await console.GotoAsync("/console/payments");
        await Expect(console.Locator($"a[href='/console/bookings/{bookingId}']")).ToBeVisibleAsync();
        await console.GetByLabel("Status").SelectOptionAsync("succeeded");
        await console.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await Expect(console).ToHaveURLAsync(new Regex("Status=succeeded"));
        await Expect(console.Locator($"a[href='/console/bookings/{bookingId}']")).ToHaveCountAsync(0);
        await console.GetByLabel("Status").SelectOptionAsync("pending");
        await console.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await console.Locator($"a[href='/console/bookings/{bookingId}']").ClickAsync();
        await Expect(console.Locator(".timeline")).ToContainTextAsync("booking.created");
    }

    private async Task<string> BookAsync(string departureId)
    {
        var tourist = await _factory.AsDemoAsync("tourist");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings")
        {
            Content = JsonContent.Create(new
            {
                departureId,
                adults = 2,
                participants = new[] { new { name = "Lena Ivanova" }, new { name = "Oleg Ivanov" } },
                contact = new { email = "lena@example.com", phone = "+79001112233" },
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await tourist.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("id").GetString()!;
    }

    private async Task<IPage> SignedInPageAsync(string email, string password)
    {
        var context = await _browser.Instance.NewContextAsync(new() { BaseURL = _site.ToString(), Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("Sign out") })).ToBeVisibleAsync();
        return page;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await condition()) return;
            await Task.Delay(50);
        }

        Assert.Fail($"Timed out waiting for: {what}");
    }

    /// <summary>Whether the test subscriber fails, and the aggregates it handled once it stopped failing.</summary>
    public sealed class Poison
    {
        public volatile bool On = true;

        public System.Collections.Concurrent.ConcurrentBag<string> Handled { get; } = [];
    }

    public sealed class PoisonedHandler(Poison poison) : IEventHandler
    {
        public Task HandleAsync(EventEnvelope envelope, CancellationToken ct)
        {
            if (poison.On) throw new InvalidOperationException("Poisoned by the test.");
            poison.Handled.Add(envelope.AggregateId);
            return Task.CompletedTask;
        }
    }
}
