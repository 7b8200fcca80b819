using System.Net;
using System.Net.Http.Json;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Booking;

/// <summary>The capacity rule under contention: confirmed + live holds never exceed capacity.</summary>
public sealed class CapacityTests : IDisposable
{
    private readonly BookingFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task CreateBooking_When200ClientsRaceForTheLast10Seats_Exactly10AreHeldAndTheRestGet409()
    {
        var departure = await _factory.DepartureAsync(capacity: 15);
        var tourist = _factory.Tourist();
        await tourist.HoldAsync(departure, adults: 5);

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => _factory.Tourist().BookAsync(BookingApi.BookingBody(departure), $"race-{i}")));

        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(190, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.All(responses.Where(r => r.StatusCode == HttpStatusCode.Conflict),
            r => Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType));
        Assert.Equal(0, await _factory.SeatsLeftAsync(departure));
        var booked = await _factory.Operator().GetJsonAsync($"/api/operator/bookings?departure={departure}&limit=100");
        Assert.Equal(15, booked.GetProperty("items").EnumerateArray().Sum(b => b.GetProperty("seats").GetInt32()));
    }

    [Fact]
    public async Task CreateBooking_WhenMoreSeatsAskedThanLeft_Answers409AndTakesNothing()
    {
        var departure = await _factory.DepartureAsync(capacity: 3);
        await _factory.Tourist().HoldAsync(departure, adults: 2);

        var response = await _factory.Tourist().BookAsync(BookingApi.BookingBody(departure, adults: 2));

        await BookingAssert.ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(1, await _factory.SeatsLeftAsync(departure));
    }

    [Fact]
    public async Task CreateBooking_WhenAHoldRanOutButWasNotSwept_DoesNotCountItAndReclaimsIt()
    {
        var departure = await _factory.DepartureAsync(capacity: 2);
        var tourist = _factory.Tourist();
        var first = await tourist.HoldAsync(departure, adults: 2);
        await BookingAssert.ProblemAsync(await _factory.Tourist().BookAsync(BookingApi.BookingBody(departure)), HttpStatusCode.Conflict);

        _factory.Clock.Advance(TimeSpan.FromMinutes(15)); // the sweeper ticks hourly here: it has not run

        Assert.Equal(2, await _factory.SeatsLeftAsync(departure));
        Assert.Equal("expired", await tourist.StatusAsync(first.Id()));
        Assert.Empty(await _factory.EventsAsync("booking.expired", first.Id()));
        await _factory.Tourist().HoldAsync(departure, adults: 2);
        Assert.Single(await _factory.EventsAsync("booking.expired", first.Id()));
        Assert.Equal(0, await _factory.SeatsLeftAsync(departure));
    }

    [Fact]
    public async Task EditDeparture_WhenCapacityWouldDropBelowSeatsTaken_Answers409()
    {
        var departure = await _factory.DepartureAsync(capacity: 5);
        await _factory.Tourist().HoldAsync(departure, adults: 4);

        var refused = await _factory.Operator().PatchAsJsonAsync($"/api/departures/{departure}", new { capacity = 3 });
        var allowed = await _factory.Operator().PatchAsJsonAsync($"/api/departures/{departure}", new { capacity = 4 });

        await BookingAssert.ProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(0, (await allowed.JsonAsync()).GetProperty("seatsLeft").GetInt32());
    }
}
