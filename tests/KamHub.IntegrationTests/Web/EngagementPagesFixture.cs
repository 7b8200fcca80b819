using System.Net;
using System.Text.Json;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Engagement;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.IntegrationTests.Payments;
using KamHub.Payments.Providers.Sandbox;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KamHub.IntegrationTests.Web;

/// <summary>The engagement pages' test classes share one <see cref="EngagementPagesFixture"/> host (run one after the other).</summary>
[CollectionDefinition(Name)]
public sealed class EngagementPagesCollection : ICollectionFixture<EngagementPagesFixture>
{
    public const string Name = "Engagement pages";
}

/// <summary>
/// One host (in-memory, its clock moved past the trips' end) for the engagement pages' HTTP tests, with a completed
/// trip of the demo tourist on a tour of the demo operator, reviewed through the API.
/// </summary>
public sealed class EngagementPagesFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(EngagementApi.Start);
    public WebFactory Factory { get; }
    public Guid Tour { get; private set; }
    public string TourSlug { get; private set; } = "";
    public Guid Booking { get; private set; }
    public Guid Review { get; private set; }

    /// <summary>A completed trip (tour, booking) the console's test reviews and moderates.</summary>
    public (Guid Tour, Guid Booking) ToModerate { get; private set; }

    /// <summary>A confirmed booking (departure, booking, its start) on a later departure, for the desk's attendance test.</summary>
    public (Guid Departure, Guid Booking, DateTimeOffset StartsAt) ToAttend { get; private set; }

    /// <summary>A completed trip not reviewed yet, for the review form's test.</summary>
    public (Guid Tour, Guid Booking) ToReview { get; private set; }

    public EngagementPagesFixture() => Factory = new WebFactory(kestrel: false, services =>
    {
        services.AddSingleton<TimeProvider>(Clock);
        // The sandbox's webhooks travel into this in-memory server, as in PaymentsFactory.
        services.AddHttpClient(SandboxWebhookSender.ClientName).ConfigurePrimaryHttpMessageHandler(() => Factory!.Server.CreateHandler());
    });

    public async Task InitializeAsync()
    {
        // Tokens and sessions must outlive the clock's jump past the trip.
        Factory.With("KamHub:Jwt:AccessTokenMinutes", "2000000").With("KamHub:Events:PollInterval", "00:00:00.200");
        // Every trip is booked before the clock moves past their end: departures are scheduled in the future only.
        var trips = new List<(Guid Tour, Guid Booking)>();
        for (var i = 0; i < 3; i++) trips.Add(await ConfirmedTripAsync(EngagementApi.StartsAt));
        // Nine days after the others: the attendance test moves the clock to its start, within every review's window.
        var (_, later) = await ConfirmedTripAsync("2027-07-10T08:00");
        var booking = await (await Factory.AsDemoAsync("tourist")).GetJsonAsync($"/api/bookings/{later}");
        ToAttend = (booking.GetProperty("departureId").GetGuid(), later, booking.GetProperty("startsAt").GetDateTimeOffset());
        await Factory.CompleteTripsAsync(Clock, trips.Select(t => t.Booking).ToArray());
        ((Tour, Booking), ToModerate, ToReview) = (trips[0], trips[1], trips[2]);
        TourSlug = (await Factory.CreateClient().GetJsonAsync($"/api/tours/{Tour}")).GetProperty("slug").GetString()!;
        var tourist = await Factory.AsDemoAsync("tourist");
        Review = (await tourist.ReviewedAsync(Booking, 4, "Geysers steaming at dawn, a fine guide.")).Id();
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    /// <summary>A confirmed booking of the demo tourist on a new tour of the demo operator, ending at <see cref="EngagementApi.TripEnd"/>.</summary>
    private async Task<(Guid Tour, Guid Booking)> ConfirmedTripAsync(string startsAt)
    {
        var tour = await Factory.PublishedTourAsync();
        var departure = (await Factory.Operator().ScheduleAsync(tour, BookingApi.DepartureBody(startsAt))).Id();
        var tourist = await Factory.AsDemoAsync("tourist");
        var booking = await tourist.HoldAsync(departure);
        await Factory.PayAsync(booking.PaymentId());
        await tourist.WaitForStatusAsync(booking.Id(), "confirmed");
        return (tour, booking.Id());
    }

    /// <summary>A browser-like client (cookies, no redirects followed) signed in on the pages.</summary>
    public async Task<HttpClient> PagesAsAsync(string email, string password)
    {
        var client = Anonymous();
        await WebForms.SignInAsync(client, email, password);
        return client;
    }

    public HttpClient Anonymous() =>
        Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost"), HandleCookies = true });

    /// <summary>Posts a page's form as a browser does, with the anti-forgery token of <paramref name="formPage"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string action, params (string Name, string Value)[] fields)
    {
        var page = await client.GetAsync(formPage);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = WebForms.AntiforgeryTokenOf(await page.Content.ReadAsStringAsync());
        Assert.NotEmpty(token);
        return await client.PostAsync(action, new FormUrlEncodedContent(
            fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token))));
    }

    public static JsonElement Items(JsonElement page) => page.GetProperty("items");
}
