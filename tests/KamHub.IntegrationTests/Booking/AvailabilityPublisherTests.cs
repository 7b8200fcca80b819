using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Booking;

/// <summary>
/// availability.changed leaves the hold's transaction (ADR 0005 amendment): seat changes move the departure's
/// availability version, and the publisher announces each departure whose version is ahead, after the commit.
/// </summary>
public sealed class AvailabilityPublisherTests : IDisposable
{
    private readonly BookingFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Holds_WhenManyRaceForOneDeparture_TheAnnouncementsOnlyGoDownAndEndAtTheSeatsLeft()
    {
        var departure = await _factory.DepartureAsync(capacity: 12);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _factory.Tourist().HoldAsync(departure)));

        await BookingApi.EventuallyAsync(async () => await _factory.EventsAsync("availability.changed", departure) is [var newest, ..] && newest.GetProperty("seatsLeft").GetInt32() == 4,
            "availability.changed with 4 seats left");
        var seatsLeft = (await _factory.EventsAsync("availability.changed", departure)).Select(e => e.GetProperty("seatsLeft").GetInt32()).Reverse().ToList();
        Assert.Equal(12, seatsLeft[0]); // scheduled
        Assert.True(seatsLeft.Count <= 9, $"at most one announcement per hold, got {seatsLeft.Count}");
        // Passes read seats after the previous pass committed: a later announcement never shows more seats than an earlier one here.
        Assert.Equal(seatsLeft.OrderByDescending(s => s), seatsLeft);
    }

    [Fact]
    public async Task Publisher_WhenASeatChangeCommittedWithoutItsAnnouncement_AnnouncesItOnItsNextPass()
    {
        var departure = await _factory.DepartureAsync(capacity: 12);

        // What a process killed right after a hold's commit leaves behind: the seats and the version moved, no event, no wake-up.
        await ModuleTables.ExecuteAsync(_factory, "Booking", "departures",
            "UPDATE {table} SET seats_taken = seats_taken + 3, availability_version = availability_version + 1 WHERE id = {0}", departure);

        await BookingApi.EventuallyAsync(async () => await _factory.EventsAsync("availability.changed", departure) is [var newest, ..] && newest.GetProperty("seatsLeft").GetInt32() == 9,
            "availability.changed with 9 seats left from the publisher's polling pass");
        Assert.Equal(0L, await ModuleTables.ScalarAsync<Program, long>(_factory, "Booking", "departures",
            "SELECT availability_version - availability_published AS \"Value\" FROM {table} WHERE id = {0}", departure));
    }

    [Fact]
    public async Task Publisher_GathersTheSeatChangesOfItsWindow_IntoOneAnnouncementPerDeparture()
    {
        using var factory = new BookingFactory();
        factory.With("KamHub:Booking:AvailabilityGather", "00:00:05");
        var departure = await factory.DepartureAsync(capacity: 12);
        await BookingApi.EventuallyAsync(async () => (await factory.EventsAsync("availability.changed", departure)).Count == 1, "the scheduled departure's announcement");

        // Three holds one after the other, well inside one 5 s window: one announcement for all three, not one each.
        var tourist = factory.Tourist();
        for (var i = 0; i < 3; i++) await tourist.HoldAsync(departure);

        await BookingApi.EventuallyAsync(async () => (await factory.EventsAsync("availability.changed", departure)).Count >= 2, "the announcement of the holds");
        var seatsLeft = (await factory.EventsAsync("availability.changed", departure)).Select(e => e.GetProperty("seatsLeft").GetInt32()).Reverse().ToList();
        Assert.Equal([12, 9], seatsLeft);
    }
}
