using System.Net;
using System.Net.Http.Json;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Booking;

/// <summary>Every endpoint against every kind of caller: anonymous, tourist, another operator, the tour's operator, admin.</summary>
public sealed class BookingAuthorizationTests : IClassFixture<BookingAuthorizationTests.Fixture>
{
    private readonly Fixture _fx;

    public BookingAuthorizationTests(Fixture fx) => _fx = fx;

    public sealed class Fixture : IAsyncLifetime
    {
        public BookingFactory Factory { get; } = new();

        public HttpClient OtherOperator { get; private set; } = null!;

        public Guid Tour { get; private set; }

        public Guid Departure { get; private set; }

        public HttpClient Booker { get; private set; } = null!;

        public Guid Booking { get; private set; }

        public async Task InitializeAsync()
        {
            (OtherOperator, _) = await Factory.OtherOperatorAsync();
            Tour = await Factory.PublishedTourAsync();
            Departure = (await Factory.Operator().ScheduleAsync(Tour, BookingApi.DepartureBody(capacity: 20))).Id();
            Booker = Factory.Tourist();
            Booking = (await Booker.HoldAsync(Departure)).Id();
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }

    private BookingFactory F => _fx.Factory;

    [Fact]
    public async Task ScheduleDeparture_ForEachCaller_OnlyTheToursOperatorAndAdminsMayIt()
    {
        var body = BookingApi.DepartureBody(capacity: 3);
        Assert.Equal(HttpStatusCode.Unauthorized, (await F.CreateClient().PostAsJsonAsync($"/api/tours/{_fx.Tour}/departures", body)).StatusCode);
        await BookingAssert.ProblemAsync(await F.Tourist().PostAsJsonAsync($"/api/tours/{_fx.Tour}/departures", body), HttpStatusCode.Forbidden);
        await BookingAssert.ProblemAsync(await _fx.OtherOperator.PostAsJsonAsync($"/api/tours/{_fx.Tour}/departures", body), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Created, (await F.Operator().PostAsJsonAsync($"/api/tours/{_fx.Tour}/departures", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await F.Admin().PostAsJsonAsync($"/api/tours/{_fx.Tour}/departures", body)).StatusCode);
        await BookingAssert.ProblemAsync(await F.Operator().PostAsJsonAsync($"/api/tours/{Guid.NewGuid()}/departures", body), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task EditAndCancelDeparture_ByAnotherOperatorOrTourist_AreForbidden()
    {
        var departure = (await F.Operator().ScheduleAsync(_fx.Tour, BookingApi.DepartureBody(capacity: 3))).Id();
        var patch = new { capacity = 4 };
        Assert.Equal(HttpStatusCode.Unauthorized, (await F.CreateClient().PatchAsJsonAsync($"/api/departures/{departure}", patch)).StatusCode);
        await BookingAssert.ProblemAsync(await F.Tourist().PatchAsJsonAsync($"/api/departures/{departure}", patch), HttpStatusCode.Forbidden);
        await BookingAssert.ProblemAsync(await _fx.OtherOperator.PatchAsJsonAsync($"/api/departures/{departure}", patch), HttpStatusCode.Forbidden);
        await BookingAssert.ProblemAsync(await _fx.OtherOperator.PostAsync($"/api/departures/{departure}/cancel", null), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await F.Admin().PatchAsJsonAsync($"/api/departures/{departure}", patch)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await F.Operator().PostAsync($"/api/departures/{departure}/cancel", null)).StatusCode);
        await BookingAssert.ProblemAsync(await F.Operator().PostAsync($"/api/departures/{departure}/cancel", null), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ListDepartures_OfADraftTour_IsHiddenFromThePublicButNotFromItsOperator()
    {
        var draft = (await F.Operator().CreateTourAsync(DiscoveryApi.TourBody())).Id();
        await F.Operator().ScheduleAsync(draft, BookingApi.DepartureBody());

        await BookingAssert.ProblemAsync(await F.CreateClient().GetAsync($"/api/tours/{draft}/departures"), HttpStatusCode.NotFound);
        Assert.Single((await F.Operator().GetJsonAsync($"/api/tours/{draft}/departures")).EnumerateArray());
        var published = await F.CreateClient().GetJsonAsync($"/api/tours/{_fx.Tour}/departures?from=2027-06-30&to=2027-07-02");
        Assert.Contains(published.EnumerateArray(), d => d.Id() == _fx.Departure && d.GetProperty("localStartsAt").GetString() == "2027-07-01T08:00");
    }

    [Fact]
    public async Task GetBooking_ForEachCaller_OnlyBookerOperatorAndAdminSeeIt()
    {
        var url = $"/api/bookings/{_fx.Booking}";
        Assert.Equal(HttpStatusCode.OK, (await _fx.Booker.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await F.Operator().GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await F.Admin().GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await F.CreateClient().GetAsync(url)).StatusCode);
        await BookingAssert.ProblemAsync(await F.Tourist().GetAsync(url), HttpStatusCode.NotFound);
        await BookingAssert.ProblemAsync(await _fx.OtherOperator.GetAsync(url), HttpStatusCode.NotFound);
        await BookingAssert.ProblemAsync(await F.Tourist().PostAsync($"{url}/cancel", null), HttpStatusCode.NotFound);
        await BookingAssert.ProblemAsync(await _fx.OtherOperator.PostAsync($"{url}/cancel", null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreateBooking_Anonymously_Answers401()
    {
        var response = await F.CreateClient().BookAsync(BookingApi.BookingBody(_fx.Departure));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task MyBookings_ForEachCaller_ListsOnlyTheirOwn()
    {
        var mine = await _fx.Booker.GetJsonAsync("/api/me/bookings");
        var stranger = await F.Tourist().GetJsonAsync("/api/me/bookings");

        Assert.Contains(mine.GetProperty("items").EnumerateArray(), b => b.Id() == _fx.Booking);
        Assert.Empty(stranger.GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.Unauthorized, (await F.CreateClient().GetAsync("/api/me/bookings")).StatusCode);
    }

    [Fact]
    public async Task OperatorBookings_ForEachCaller_ShowOnlyTheOperatorsOwnWithParticipants()
    {
        var url = $"/api/operator/bookings?departure={_fx.Departure}";
        var own = await F.Operator().GetJsonAsync(url);
        var booking = Assert.Single(own.GetProperty("items").EnumerateArray(), b => b.Id() == _fx.Booking);
        Assert.Equal("Guest 1", booking.GetProperty("participants")[0].GetProperty("name").GetString());
        Assert.Contains((await F.Admin().GetJsonAsync(url)).GetProperty("items").EnumerateArray(), b => b.Id() == _fx.Booking);
        await BookingAssert.ProblemAsync(await _fx.OtherOperator.GetAsync(url), HttpStatusCode.NotFound);
        Assert.DoesNotContain((await _fx.OtherOperator.GetJsonAsync("/api/operator/bookings")).GetProperty("items").EnumerateArray(), b => b.Id() == _fx.Booking);
        await BookingAssert.ProblemAsync(await F.Tourist().GetAsync(url), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await F.CreateClient().GetAsync(url)).StatusCode);
    }
}
