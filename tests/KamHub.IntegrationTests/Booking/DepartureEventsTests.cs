using System.Net;
using System.Net.Http.Json;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Booking;

/// <summary>Moving or cancelling a departure tells the other modules once, with what changed, in the same transaction.</summary>
public sealed class DepartureEventsTests : IDisposable
{
    private readonly BookingFactory _factory = new(start: new DateTimeOffset(2027, 6, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task EditDeparture_WhenTheStartMoves_PublishesOneRescheduledWithOldAndNewStart()
    {
        var departure = await _factory.DepartureAsync(startsAt: "2027-07-01T08:00", timeZone: "Asia/Kamchatka");

        var edited = await _factory.Operator().PatchAsJsonAsync($"/api/departures/{departure}", new { startsAt = "2027-07-02T09:30" });

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var rescheduled = Assert.Single(await _factory.EventsAsync("departure.rescheduled", departure));
        Assert.Equal(new DateTimeOffset(2027, 7, 1, 21, 30, 0, TimeSpan.Zero), rescheduled.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2027, 6, 30, 20, 0, 0, TimeSpan.Zero), rescheduled.GetProperty("previousStartsAt").GetDateTimeOffset());
        Assert.Equal("Asia/Kamchatka", rescheduled.GetProperty("timeZone").GetString());
        Assert.Equal(departure, rescheduled.GetProperty("departureId").GetGuid());
    }

    [Fact]
    public async Task EditDeparture_WhenOnlyTheCapacityChanges_PublishesNoRescheduled()
    {
        var departure = await _factory.DepartureAsync(startsAt: "2027-07-01T08:00");

        await _factory.Operator().PatchAsJsonAsync($"/api/departures/{departure}", new { capacity = 20 });
        await _factory.Operator().PatchAsJsonAsync($"/api/departures/{departure}", new { startsAt = "2027-07-01T08:00" });

        Assert.Empty(await _factory.EventsAsync("departure.rescheduled", departure));
    }

    [Fact]
    public async Task CancelDeparture_PublishesOneCancelledWithTheReason_AndNothingOnARepeat()
    {
        var departure = await _factory.DepartureAsync();
        var tourId = (await _factory.CreateClient().GetJsonAsync($"/api/departures/{departure}")).GetProperty("tourId").GetGuid();

        var first = await _factory.Operator().PostAsJsonAsync($"/api/departures/{departure}/cancel", new { reason = "Volcano warning" });
        var again = await _factory.Operator().PostAsync($"/api/departures/{departure}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var cancelled = Assert.Single(await _factory.EventsAsync("departure.cancelled", departure));
        Assert.Equal("Volcano warning", cancelled.GetProperty("reason").GetString());
        Assert.Equal(tourId, cancelled.GetProperty("tourId").GetGuid());
        // availability.changed follows the commit (AvailabilityPublisher), newest first.
        await BookingApi.EventuallyAsync(async () => await _factory.EventsAsync("availability.changed", departure) is [var last, ..] && last.GetProperty("seatsLeft").GetInt32() == 0,
            "availability.changed with no seats left");
    }

    [Fact]
    public async Task CancelDeparture_WithATooLongReason_Answers400()
    {
        var departure = await _factory.DepartureAsync();

        var response = await _factory.Operator().PostAsJsonAsync($"/api/departures/{departure}/cancel", new { reason = new string('x', 501) });

        await DiscoveryApi.AssertProblemAsync(response, HttpStatusCode.BadRequest, "reason");
        Assert.Empty(await _factory.EventsAsync("departure.cancelled", departure));
    }
}
