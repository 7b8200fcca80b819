using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Engagement;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.IntegrationTests.Payments;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KamHub.IntegrationTests.Web;

/// <summary>
/// The pages of engagement and partnership (reviews, points, messages, a guide's assignments) and the console's payouts
/// and operator onboarding, in a real headless Chromium, on one host (its clock moved by the test, so a trip can end)
/// and one browser for the class. The set-up goes through the API; what a person does goes through the pages.
/// </summary>
public sealed class EngagementBrowserTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(EngagementApi.Start);
    private readonly WebFactory _factory;
    private Browser _browser = null!;
    private Uri _site = null!;

    public EngagementBrowserTests() => _factory = new WebFactory(kestrel: true, services => services.AddSingleton<TimeProvider>(_clock));

    public async Task InitializeAsync()
    {
        // Tokens must outlive the clock's jump past the trip.
        _factory.With("KamHub:Jwt:AccessTokenMinutes", "2000000").With("KamHub:Events:PollInterval", "00:00:00.200");
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
    public async Task Tourist_ReviewsACompletedTrip_SeesItOnTheTourPage_HasPoints_AndWritesToTheOperator()
    {
        var tour = await _factory.PublishedTourAsync();
        var departure = (await _factory.Operator().ScheduleAsync(tour, BookingApi.DepartureBody(EngagementApi.StartsAt))).Id();
        var tourist = await _factory.AsDemoAsync("tourist");
        var booking = await tourist.HoldAsync(departure);
        await _factory.PayAsync(booking.PaymentId());
        await tourist.WaitForStatusAsync(booking.Id(), "confirmed");
        await _factory.CompleteTripsAsync(_clock, booking.Id());

        var page = await SignedInPageAsync("tourist@demo.kamhub.local", KamHubFactory.DemoPassword);
        await page.GotoAsync($"/bookings/{booking.Id()}");
        await Expect(page.Locator("#status")).ToHaveTextAsync("Completed");
        await page.GetByRole(AriaRole.Link, new() { Name = "Write a review" }).ClickAsync();
        // No stars chosen: the error names the field and the words typed stay.
        await page.GetByLabel("Your review").FillAsync("Bears at the river, a guide who knew every one of them.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish review" }).ClickAsync();
        await Expect(page.Locator("#rating-error")).ToContainTextAsync("Your rating");
        await Expect(page.GetByLabel("Your review")).ToHaveValueAsync("Bears at the river, a guide who knew every one of them.");
        await page.GetByLabel("Your rating").SelectOptionAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish review" }).ClickAsync();
        await Expect(page.Locator(".reviews")).ToContainTextAsync("a guide who knew every one of them");
        await Expect(page.GetByLabel("5 of 5 stars")).ToBeVisibleAsync();
        // The operator's rating reaches Discovery through rating.changed: shown on the tour page once it has.
        var tourPage = page.Url.Split('#')[0];
        await BookingApi.EventuallyAsync(async () =>
        {
            await page.GotoAsync(tourPage);
            return await page.Locator("#operator-rating").CountAsync() > 0;
        }, "the operator's rating on the tour page");
        await Expect(page.Locator("#operator-rating")).ToContainTextAsync("5.0 of 5 from 1 reviews");
        // The search result's card shows both ratings too (search answers are cached and dropped by the same event: polled too).
        var title = (await _factory.CreateClient().GetJsonAsync($"/api/tours/{tour}")).GetProperty("title").GetProperty("en").GetString()!;
        var card = page.Locator(".card", new() { Has = page.Locator($"a[href='{new Uri(tourPage).AbsolutePath}']") });
        await BookingApi.EventuallyAsync(async () =>
        {
            await page.GotoAsync("/?q=" + Uri.EscapeDataString(title));
            return await card.Locator(".operator-rating").CountAsync() > 0;
        }, "the operator's rating on the search result");
        await Expect(card.Locator(".operator-rating")).ToContainTextAsync("5.0 of 5 from 1 reviews");
        await Expect(card.Locator(".rating")).ToContainTextAsync("Rated 5.0 of 5 by 1 travellers");

        await page.GotoAsync("/me/points");
        await Expect(page.Locator("#points-balance")).Not.ToHaveTextAsync("0");

        await page.GotoAsync($"/bookings/{booking.Id()}/messages");
        await Expect(page.Locator("#no-messages")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.Locator("#text-error")).ToContainTextAsync("Your message");
        await page.GetByLabel("Your message").FillAsync("Thank you! Is the autumn trip on sale yet?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.Locator(".message").Last).ToContainTextAsync("You");
        await Expect(page.Locator(".message").Last).ToContainTextAsync("autumn trip");

        var desk = await SignedInPageAsync("operator@demo.kamhub.local", KamHubFactory.DemoPassword);
        await desk.GotoAsync($"/bookings/{booking.Id()}/messages");
        await Expect(desk.Locator(".message").Last).ToContainTextAsync("Traveller");
        await Expect(desk.Locator(".message").Last).ToContainTextAsync("autumn trip");

        // The operator answers from the desk: the tourist's open page shows it without a reload, through the live stream
        // (the page says which way it is updated: "polling" if the stream were refused or failed).
        await Expect(page.Locator("#message-list")).ToHaveAttributeAsync("data-mode", "live");
        await desk.GetByLabel("Your message").FillAsync("Yes: from the first of September.");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.Locator(".message").Last).ToContainTextAsync("first of September");
        await Expect(page.Locator(".message").Last).ToContainTextAsync("Operator");
        await Expect(page.Locator("#message-list")).ToHaveAttributeAsync("data-mode", "live");
    }

    [Fact]
    public async Task GuideSeesTheirDepartureAndMarksAttendance_DriverSeesPickupsSetOnTheDesk_AdminRunsPayoutsAndApprovesAnOperator()
    {
        var tour = await _factory.PublishedTourAsync();
        var startsAt = _clock.GetUtcNow().AddDays(10);
        startsAt = startsAt.AddTicks(-(startsAt.Ticks % TimeSpan.TicksPerHour));
        var departure = (await _factory.Operator().ScheduleAsync(tour, BookingApi.DepartureBody(Local(startsAt)))).Id();
        var tourist = await _factory.AsDemoAsync("tourist");
        // The roster a guide sees lists confirmed bookings only.
        var booking = await tourist.HoldAsync(departure);
        await _factory.PayAsync(booking.PaymentId());
        await tourist.WaitForStatusAsync(booking.Id(), "confirmed");
        var guide = await _factory.AsDemoAsync("guide");
        var guideId = (await guide.GetJsonAsync("/api/me")).Id();
        var assigned = await _factory.Operator().PostAsJsonAsync($"/api/departures/{departure}/assignments", new { userId = guideId, role = "guide" });
        Assert.True(assigned.StatusCode == HttpStatusCode.Created, await assigned.Content.ReadAsStringAsync());

        var page = await SignedInPageAsync("guide@demo.kamhub.local", KamHubFactory.DemoPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "My assignments" }).ClickAsync();
        var section = page.Locator(".assignment", new() { HasText = "Guest 1" });
        await Expect(section).ToContainTextAsync("1 travellers");
        await Expect(section).ToContainTextAsync("Guide");
        // Before the start nothing is marked: no buttons yet.
        await Expect(section).ToContainTextAsync("attendance is marked from the start");
        await Expect(section.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);

        // The operator says from the desk where and when the driver collects the booking; the driver sees it.
        var reference = booking.GetProperty("reference").GetString()!;
        var driverId = (await (await _factory.AsDemoAsync("transfer")).GetJsonAsync("/api/me")).Id();
        var driving = await _factory.Operator().PostAsJsonAsync($"/api/departures/{departure}/assignments", new { userId = driverId, role = "transfer" });
        Assert.True(driving.StatusCode == HttpStatusCode.Created, await driving.Content.ReadAsStringAsync());
        var drivingId = (await driving.JsonAsync()).Id();
        var pickupAt = startsAt.AddMinutes(-45).ToOffset(TimeSpan.FromHours(12)).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        var desk = await SignedInPageAsync("operator@demo.kamhub.local", KamHubFactory.DemoPassword);
        await desk.GotoAsync($"/desk/departures/{departure}");
        var pickup = desk.Locator("form.pickups fieldset", new() { HasText = reference });
        // A time without a place: the API's error lands under the place, what was typed stays.
        await pickup.GetByLabel("Pickup time").FillAsync(pickupAt);
        await desk.GetByRole(AriaRole.Button, new() { Name = "Save pickups" }).ClickAsync();
        await Expect(desk.Locator($"#pickup-{drivingId}-{booking.Id()}-point-error")).ToContainTextAsync("Pickup point");
        await Expect(pickup.GetByLabel("Pickup time")).ToHaveValueAsync(pickupAt);
        await pickup.GetByLabel("Pickup point").FillAsync("Hotel Avacha, main entrance");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Save pickups" }).ClickAsync();
        await Expect(desk.Locator($"#pickup-{drivingId}-{booking.Id()}-point-error")).ToHaveCountAsync(0);
        await Expect(pickup.GetByLabel("Pickup point")).ToHaveValueAsync("Hotel Avacha, main entrance");
        await Expect(pickup.GetByLabel("Pickup time")).ToHaveValueAsync(pickupAt);
        var driverPage = await SignedInPageAsync("transfer@demo.kamhub.local", KamHubFactory.DemoPassword);
        await driverPage.GotoAsync("/me/assignments");
        await Expect(driverPage.Locator($"#b-{booking.Id()} .pickup")).ToHaveTextAsync($"Hotel Avacha, main entrance, {pickupAt[^5..]} (Kamchatka time)");

        // At the departure the guide marks the traveller absent, then present after all; past the grace period the
        // API's refusal shows beside the booking.
        _clock.Advance(startsAt.AddMinutes(10) - _clock.GetUtcNow());
        // The guide's page from before the start, reloaded: the buttons are there now.
        var guidePage = page;
        await guidePage.ReloadAsync();
        await Expect(guidePage.Locator($"#attendance-{booking.Id()}")).ToHaveTextAsync("Not marked");
        await guidePage.GetByRole(AriaRole.Button, new() { Name = "No-show: " + reference }).ClickAsync();
        await Expect(guidePage.Locator($"#attendance-{booking.Id()}")).ToHaveTextAsync("No-show");
        Assert.Equal("no-show", await tourist.StatusAsync(booking.Id()));
        await guidePage.GetByRole(AriaRole.Button, new() { Name = "Present: " + reference }).ClickAsync();
        await Expect(guidePage.Locator($"#attendance-{booking.Id()}")).ToHaveTextAsync("Present");
        _clock.Advance(TimeSpan.FromHours(2));
        await guidePage.GetByRole(AriaRole.Button, new() { Name = "No-show: " + reference }).ClickAsync();
        await Expect(guidePage.Locator($"#attendance-{booking.Id()}-error")).ToContainTextAsync("can no longer be marked");
        await Expect(guidePage.Locator($"#attendance-{booking.Id()}")).ToHaveTextAsync("Present");

        var legalName = "Avacha Bay Trips " + Guid.NewGuid().ToString("N")[..6];
        var operatorId = Guid.NewGuid();
        var applicant = _factory.ClientAs("Operator", operatorId);
        var applied = await applicant.PutAsJsonAsync("/api/operator/application", new
        {
            legalName, taxId = "4101000000", contactEmail = "owner@avacha.example",
            payoutDetails = new { accountHolder = legalName, bankCode = "043002711", account = "40702810900000000001" },
        });
        Assert.True(applied.IsSuccessStatusCode, await applied.Content.ReadAsStringAsync());

        var console = await SignedInPageAsync(KamHubFactory.AdminEmail, KamHubFactory.AdminPassword);
        await console.GotoAsync("/console/operators");
        await console.GetByRole(AriaRole.Button, new() { Name = "Reject " + legalName }).ClickAsync();
        await Expect(console.Locator($"#reason-{operatorId}-error")).ToContainTextAsync("Reason the operator is told");
        await console.GetByRole(AriaRole.Button, new() { Name = "Approve " + legalName }).ClickAsync();
        await Expect(console.GetByRole(AriaRole.Heading, new() { Name = legalName })).ToHaveCountAsync(0);
        await console.GotoAsync("/console/operators?status=approved");
        await Expect(console.GetByRole(AriaRole.Heading, new() { Name = legalName })).ToBeVisibleAsync();

        await console.GotoAsync("/console/payouts");
        await console.GetByLabel("Period from (UTC day)").FillAsync("2027-06-10");
        await console.GetByLabel("Period to, included (UTC day)").FillAsync("2027-06-01");
        await console.GetByRole(AriaRole.Button, new() { Name = "Run payouts" }).ClickAsync();
        await Expect(console.Locator("#to-error")).ToContainTextAsync("Period to");
        await Expect(console.GetByLabel("Period from (UTC day)")).ToHaveValueAsync("2027-06-10");
        await console.GetByLabel("Period to, included (UTC day)").FillAsync("2027-06-20");
        await console.GetByRole(AriaRole.Button, new() { Name = "Run payouts" }).ClickAsync();
        await Expect(console.Locator("#paid")).ToHaveTextAsync(new Regex(@"^\d+ payouts made\.$"));
    }

    /// <summary>A departure's local start in Kamchatka (UTC+12), as the API's departure form takes it.</summary>
    private static string Local(DateTimeOffset utc) => utc.ToOffset(TimeSpan.FromHours(12)).ToString("yyyy-MM-dd'T'HH:00", CultureInfo.InvariantCulture);

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
}
