using System.Net;
using System.Net.Http.Json;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Discovery;

/// <summary>
/// Search and tour details see Booking's departures and seats through the bus (Discovery's own projection), with
/// caches on: a hold shows at once in seats left, a date window finds tours by the day they run where they run.
/// Departures start in Kamchatka (UTC+12); the clock stands at 1 June 2027.
/// </summary>
public sealed class SearchAvailabilityTests : IDisposable
{
    private readonly BookingFactory _factory = AvailabilityFactory.Create();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Search_AfterABookingHoldsSeats_ShowsFewerSeatsLeftOnTheCachedPage()
    {
        var word = DiscoveryApi.UniqueWord();
        var (_, departures) = await _factory.TourWithDeparturesAsync(word, 12, "2027-07-01T08:00");
        var before = await _factory.NextDepartureAsync($"q={word}");

        await _factory.Tourist().HoldAsync(departures[0], adults: 3);

        Assert.Equal(12, before!.Value.GetProperty("seatsLeft").GetInt32());
        Assert.Equal(departures[0], before.Value.Id());
        await BookingApi.EventuallyAsync(async () => (await _factory.NextDepartureAsync($"q={word}"))!.Value.GetProperty("seatsLeft").GetInt32() == 9,
            "seats left 9 in search");
    }

    [Fact]
    public async Task GetTour_ListsUpcomingDeparturesWithSeatsLeft_AndDropsACancelledOne()
    {
        var word = DiscoveryApi.UniqueWord();
        var (tour, departures) = await _factory.TourWithDeparturesAsync(word, 6, "2027-07-01T08:00", "2027-07-05T08:00");
        await _factory.Tourist().HoldAsync(departures[1], adults: 2);
        await BookingApi.EventuallyAsync(async () => (await _factory.DeparturesShownAsync(tour)).Contains((departures[1], 4)), "hold projected");

        await _factory.Operator().PostAsync($"/api/departures/{departures[0]}/cancel", null);

        await BookingApi.EventuallyAsync(async () => (await _factory.DeparturesShownAsync(tour)).SequenceEqual([(departures[1], 4)]), "cancelled departure gone");
        var details = await _factory.CreateClient().GetJsonAsync($"/api/tours/{tour}");
        Assert.Equal(departures[1], details.GetProperty("nextDeparture").Id());
    }

    [Fact]
    public async Task Search_WhenTheShownDepartureStarts_TheSameCachedSearchShowsTheNextOne()
    {
        var word = DiscoveryApi.UniqueWord();
        var (_, departures) = await _factory.TourWithDeparturesAsync(word, 12, "2027-07-01T08:00", "2027-07-05T08:00");
        var first = await _factory.NextDepartureAsync($"q={word}");
        var again = await _factory.NextDepartureAsync($"q={word}");

        // 08:00 on 1 July in Kamchatka is 20:00 UTC on 30 June; nothing else changes, so every cache entry stays.
        _factory.Clock.SetUtcNow(new DateTimeOffset(2027, 6, 30, 20, 0, 1, TimeSpan.Zero));
        var later = await _factory.NextDepartureAsync($"q={word}");

        Assert.Equal([departures[0], departures[0], departures[1]], new[] { first, again, later }.Select(d => d!.Value.Id()));
    }

    [Fact]
    public async Task Search_WithDateWindow_MatchesByTheDeparturesLocalDate()
    {
        // 08:00 on 1 July in Kamchatka is 20:00 UTC on 30 June.
        var word = DiscoveryApi.UniqueWord();
        var (tour, departures) = await _factory.TourWithDeparturesAsync(word, 12, "2027-07-01T08:00");

        Assert.Equal([tour], await _factory.CreateClient().SearchIdsAsync($"q={word}&from=2027-07-01&to=2027-07-01"));
        Assert.Empty(await _factory.CreateClient().SearchIdsAsync($"q={word}&from=2027-06-30&to=2027-06-30"));
        Assert.Equal([tour], await _factory.CreateClient().SearchIdsAsync($"q={word}&from=2027-06-30T19:00:00Z&to=2027-06-30T21:00:00Z"));
        Assert.Empty(await _factory.CreateClient().SearchIdsAsync($"q={word}&from=2027-07-02"));
        var next = await _factory.NextDepartureAsync($"q={word}&from=2027-07-01&to=2027-07-01");
        Assert.Equal(departures[0], next!.Value.Id());
        Assert.Equal(new DateTimeOffset(2027, 6, 30, 20, 0, 0, TimeSpan.Zero), next.Value.GetProperty("startsAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Search_WithWindow_AfterDepartureCancelled_NoLongerMatches()
    {
        var word = DiscoveryApi.UniqueWord();
        var (tour, departures) = await _factory.TourWithDeparturesAsync(word, 12, "2027-07-01T08:00");
        Assert.Equal([tour], await _factory.CreateClient().SearchIdsAsync($"q={word}&from=2027-07-01&to=2027-07-31"));

        await _factory.Operator().PostAsync($"/api/departures/{departures[0]}/cancel", null);

        await BookingApi.EventuallyAsync(async () => (await _factory.CreateClient().SearchIdsAsync($"q={word}&from=2027-07-01&to=2027-07-31")).Count == 0,
            "cancelled departure out of the window filter");
        Assert.Null(await _factory.NextDepartureAsync($"q={word}"));
    }

    [Fact]
    public async Task Search_AfterDepartureRescheduled_MatchesTheNewDate()
    {
        var word = DiscoveryApi.UniqueWord();
        var (tour, departures) = await _factory.TourWithDeparturesAsync(word, 12, "2027-07-01T08:00");
        Assert.Empty(await _factory.CreateClient().SearchIdsAsync($"q={word}&from=2027-08-10&to=2027-08-10"));

        var moved = await _factory.Operator().PatchAsJsonAsync($"/api/departures/{departures[0]}", new { startsAt = "2027-08-10T08:00" });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        await BookingApi.EventuallyAsync(async () => (await _factory.CreateClient().SearchIdsAsync($"q={word}&from=2027-08-10&to=2027-08-10")).SequenceEqual([tour]),
            "the tour found on its new date");
        Assert.Empty(await _factory.CreateClient().SearchIdsAsync($"q={word}&from=2027-07-01&to=2027-07-01"));
    }

    [Fact]
    public async Task Search_WithSeats_MatchesOnlyDeparturesWithThatManyLeft()
    {
        var word = DiscoveryApi.UniqueWord();
        var (tour, departures) = await _factory.TourWithDeparturesAsync(word, 4, "2027-07-01T08:00", "2027-07-03T08:00");
        await _factory.Tourist().HoldAsync(departures[0], adults: 3);
        await BookingApi.EventuallyAsync(async () => (await _factory.DeparturesShownAsync(tour))[0].SeatsLeft == 1, "hold projected");

        var forTwo = await _factory.NextDepartureAsync($"q={word}&seats=2");

        Assert.Equal(departures[1], forTwo!.Value.Id());
        Assert.Empty(await _factory.CreateClient().SearchIdsAsync($"q={word}&seats=5"));
        Assert.Empty(await _factory.CreateClient().SearchIdsAsync($"q={word}&seats=2&from=2027-07-01&to=2027-07-02"));
        Assert.Equal(departures[0], (await _factory.NextDepartureAsync($"q={word}"))!.Value.Id());
    }

    [Fact]
    public async Task Search_WithWindow_PagesThroughEveryMatchOnce()
    {
        var tag = DiscoveryApi.UniqueWord();
        var matching = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var tour = (await _factory.Operator().CreatePublishedAsync(DiscoveryApi.TourBody(change: b => b["tags"] = new[] { tag }))).Id();
            // Every other tour runs inside the window; the rest run later.
            var start = i % 2 == 0 ? $"2027-07-0{i + 1}T08:00" : "2027-09-01T08:00";
            await _factory.Operator().ScheduleAsync(tour, BookingApi.DepartureBody(start));
            if (i % 2 == 0) matching.Add(tour);
        }

        await BookingApi.EventuallyAsync(async () => (await _factory.CreateClient().SearchIdsAsync($"tags={tag}&from=2027-07-01&to=2027-07-31")).Count == 3,
            "three tours in the window");
        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var (items, next) = await _factory.CreateClient().SearchAsync($"tags={tag}&from=2027-07-01&to=2027-07-31&limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(items.Select(i => i.Id()));
            cursor = next;
        }
        while (cursor is not null);

        Assert.Equal(matching.OrderBy(id => id), seen.OrderBy(id => id));
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Theory]
    [InlineData("from=2027-13-01", "from")]
    [InlineData("from=tomorrow", "from")]
    [InlineData("from=2027-07-01T08:00", "from")]
    [InlineData("to=9999-12-31", "to")]
    [InlineData("from=2027-07-10&to=2027-07-01", "to")]
    [InlineData("from=2027-07-10T00:00:00Z&to=2027-07-01T00:00:00Z", "to")]
    [InlineData("seats=0", "seats")]
    [InlineData("seats=100000", "seats")]
    public async Task Search_WithABadWindow_Answers400NamingTheField(string query, string field)
    {
        var response = await _factory.CreateClient().GetAsync($"/api/tours?{query}");

        await DiscoveryApi.AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Projection_WhenAnOlderAvailabilityEventIsReplayed_KeepsTheNewerSeats()
    {
        var word = DiscoveryApi.UniqueWord();
        var (tour, departures) = await _factory.TourWithDeparturesAsync(word, 12, "2027-07-01T08:00");
        await _factory.Tourist().HoldAsync(departures[0], adults: 5);
        await BookingApi.EventuallyAsync(async () => (await _factory.DeparturesShownAsync(tour))[0].SeatsLeft == 7, "hold projected");
        var page = await _factory.Admin().GetJsonAsync($"/api/admin/events?types=availability.changed&aggregateId={departures[0]}&limit=10");
        var oldest = page.GetProperty("items").EnumerateArray().Min(e => e.GetProperty("position").GetInt64());

        var replay = await _factory.ReplayAsync("discovery.availability", oldest, oldest);

        Assert.Equal(1, replay.GetProperty("deliveries").GetInt32());
        await BookingApi.EventuallyAsync(async () => await _factory.LagAsync("discovery.availability") == 0, "replay handled");
        Assert.Equal([(departures[0], 7)], await _factory.DeparturesShownAsync(tour));
    }
}
