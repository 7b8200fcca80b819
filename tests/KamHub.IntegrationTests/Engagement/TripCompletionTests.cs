using System.Net;
using System.Net.Http.Json;
using KamHub.Booking.Completion;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Engagement;

/// <summary>
/// Booking's trip completer on a moved clock: a departure of 1 Jul 2027 08:00 Kamchatka (30 Jun 20:00 UTC) of a
/// 240-minute tour ends 1 Jul 00:00 UTC; its confirmed bookings complete then, and nothing else does.
/// </summary>
public sealed class TripCompletionTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2027, 6, 26, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = new(2027, 7, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly BookingFactory _factory = new(start: Start);

    public TripCompletionTests() => _factory.With("KamHub:Booking:CompletionInterval", "00:01:00");

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Completer_WhenTheDepartureEnds_CompletesOnlyConfirmedBookingsOnce()
    {
        var departure = await _factory.DepartureAsync(capacity: 10);
        var tourist = _factory.Tourist();
        var confirmed = await tourist.HoldAsync(departure);
        await _factory.PaySucceededAsync(confirmed);
        var cancelled = await tourist.HoldAsync(departure);
        await _factory.PaySucceededAsync(cancelled);
        var unpaid = await tourist.HoldAsync(departure);
        await BookingApi.EventuallyAsync(async () => await tourist.StatusAsync(cancelled.Id()) == "confirmed"
            && await tourist.StatusAsync(confirmed.Id()) == "confirmed", "both paid bookings confirmed");
        Assert.Equal(HttpStatusCode.OK, (await tourist.PostAsync($"/api/bookings/{cancelled.Id()}/cancel", null)).StatusCode);

        // A minute before the end (the trip is under way): nothing completes.
        _factory.Clock.Advance(End - Start - TimeSpan.FromMinutes(1));
        await WaitForTickAsync();
        Assert.Equal("confirmed", await tourist.StatusAsync(confirmed.Id()));

        _factory.Clock.Advance(TimeSpan.FromMinutes(2));
        await BookingApi.EventuallyAsync(async () => await tourist.StatusAsync(confirmed.Id()) == "completed", "the confirmed booking completed");
        var completed = Assert.Single(await _factory.EventsAsync("booking.completed", confirmed.Id()));
        Assert.Equal(500_000, completed.GetProperty("paidMinor").GetInt64());
        Assert.Equal(End, completed.GetProperty("endedAt").GetDateTimeOffset());
        var booking = await tourist.GetJsonAsync($"/api/bookings/{confirmed.Id()}");
        Assert.Equal(_factory.Clock.GetUtcNow(), booking.GetProperty("completedAt").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
        Assert.Equal("cancelled", await tourist.StatusAsync(cancelled.Id()));
        // Unpaid: expired by the sweeper or cancelled when Payments closes its payment as never paid; never completed.
        Assert.Contains(await tourist.StatusAsync(unpaid.Id()), new[] { "expired", "cancelled" });
        Assert.Empty(await _factory.EventsAsync("booking.completed", unpaid.Id()));
        Assert.Empty(await _factory.EventsAsync("booking.completed", cancelled.Id()));

        // Later ticks find nothing left to do; a completed trip can no longer be cancelled.
        _factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await WaitForTickAsync();
        Assert.Single(await _factory.EventsAsync("booking.completed", confirmed.Id()));
        Assert.Equal(HttpStatusCode.Conflict, (await tourist.PostAsync($"/api/bookings/{confirmed.Id()}/cancel", null)).StatusCode);
    }

    [Fact]
    public async Task Completer_WhenTheDepartureWasCancelled_NeverCompletesItsBookings()
    {
        var departure = await _factory.DepartureAsync(capacity: 10);
        var tourist = _factory.Tourist();
        var booking = await tourist.HoldAsync(departure);
        await _factory.PaySucceededAsync(booking);
        await BookingApi.EventuallyAsync(async () => await tourist.StatusAsync(booking.Id()) == "confirmed", "booking confirmed");
        Assert.Equal(HttpStatusCode.OK, (await _factory.Operator().PostAsync($"/api/departures/{departure}/cancel", null)).StatusCode);

        _factory.Clock.Advance(End - Start + TimeSpan.FromHours(1));
        await WaitForTickAsync();

        Assert.Equal("cancelled", await tourist.StatusAsync(booking.Id()));
        Assert.Empty(await _factory.EventsAsync("booking.completed", booking.Id()));
    }

    [Fact]
    public async Task Completer_WhenTheDepartureIsMovedLater_CompletesAtTheNewEnd()
    {
        var departure = await _factory.DepartureAsync(capacity: 10);
        var tourist = _factory.Tourist();
        var booking = await tourist.HoldAsync(departure);
        await _factory.PaySucceededAsync(booking);
        await BookingApi.EventuallyAsync(async () => await tourist.StatusAsync(booking.Id()) == "confirmed", "booking confirmed");
        var moved = await _factory.Operator().PatchAsJsonAsync($"/api/departures/{departure}", new { startsAt = "2027-07-02T08:00" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

        _factory.Clock.Advance(End - Start + TimeSpan.FromHours(1));
        await WaitForTickAsync();
        Assert.Equal("confirmed", await tourist.StatusAsync(booking.Id()));

        _factory.Clock.Advance(TimeSpan.FromDays(1));
        await BookingApi.EventuallyAsync(async () => await tourist.StatusAsync(booking.Id()) == "completed", "completed a day later");
    }

    /// <summary>
    /// One pass of the completer as its timer runs it: whatever the timer's own tick did or has yet to do, the state
    /// after this pass is what the moved clock makes due (no sleeping on a tick whose work cannot be seen).
    /// </summary>
    private Task WaitForTickAsync() => _factory.Services.GetRequiredService<TripCompleter>().CompleteDueAsync(CancellationToken.None);
}
