using System.Net;
using System.Text.Json;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Booking;

/// <summary>
/// The default policy (≥ 7 days: 100 %, ≥ 48 h: 50 %, later: 0 %) on a Berlin departure on 2 Nov 2027 10:00 CET
/// (09:00 UTC). Clocks go back on 31 Oct 2027, so "7 days before" is 26 Oct 10:00 CEST = 08:00 UTC: 169 elapsed hours.
/// </summary>
public sealed class RefundPolicyTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2027, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly BookingFactory _factory = new(start: new DateTimeOffset(2027, 10, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _factory.Dispose();

    private async Task<(HttpClient Tourist, List<JsonElement> Bookings)> ConfirmedBookingsAsync(int count)
    {
        var departure = await _factory.DepartureAsync(capacity: 10, startsAt: "2027-11-02T10:00", timeZone: "Europe/Berlin");
        var tourist = _factory.Tourist();
        var bookings = new List<JsonElement>();
        for (var i = 0; i < count; i++) bookings.Add(await tourist.HoldAsync(departure, adults: 1));
        foreach (var booking in bookings) await _factory.PaySucceededAsync(booking);
        foreach (var booking in bookings)
            await BookingApi.EventuallyAsync(async () => await tourist.StatusAsync(booking.Id()) == "confirmed", "confirmed");
        return (tourist, bookings);
    }

    private static async Task<(long Amount, int Percent)> CancelAsync(HttpClient client, JsonElement booking)
    {
        var response = await client.PostAsync($"/api/bookings/{booking.Id()}/cancel", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var refund = (await response.JsonAsync()).GetProperty("refund");
        return (refund.GetProperty("amount").GetInt64(), refund.GetProperty("percent").GetInt32());
    }

    [Fact]
    public async Task CancelBooking_AtTheSevenDayEdgeAcrossADstChange_CountsCalendarDaysInTheDeparturesZone()
    {
        var (tourist, bookings) = await ConfirmedBookingsAsync(2);
        var price = bookings[0].GetProperty("amount").GetInt64();

        _factory.Clock.SetUtcNow(new DateTimeOffset(2027, 10, 26, 8, 0, 0, TimeSpan.Zero)); // exactly 7 local days before
        var atEdge = await CancelAsync(tourist, bookings[0]);
        _factory.Clock.SetUtcNow(new DateTimeOffset(2027, 10, 26, 8, 0, 1, TimeSpan.Zero)); // still 168 h 59 m before: elapsed hours would say 100 %
        var justAfter = await CancelAsync(tourist, bookings[1]);

        Assert.Equal((price, 100), atEdge);
        Assert.Equal((price / 2, 50), justAfter);
    }

    [Fact]
    public async Task CancelBooking_AtThe48HourEdge_RefundsHalfThenNothing()
    {
        var (tourist, bookings) = await ConfirmedBookingsAsync(2);
        var price = bookings[0].GetProperty("amount").GetInt64();

        _factory.Clock.SetUtcNow(Start.AddHours(-48));
        var atEdge = await CancelAsync(tourist, bookings[0]);
        _factory.Clock.SetUtcNow(Start.AddHours(-48).AddSeconds(1));
        var justAfter = await CancelAsync(tourist, bookings[1]);

        Assert.Equal((price / 2, 50), atEdge);
        Assert.Equal((0L, 0), justAfter);
        var cancelled = Assert.Single(await _factory.EventsAsync("booking.cancelled", bookings[0].Id()));
        Assert.Equal(price / 2, cancelled.GetProperty("refundMinor").GetInt64());
        Assert.Equal("customer", cancelled.GetProperty("cancelledBy").GetString());
    }

    [Fact]
    public async Task CancelBooking_ByTheOperatorAfterTheLastTier_RefundsInFull()
    {
        var (_, bookings) = await ConfirmedBookingsAsync(1);

        _factory.Clock.SetUtcNow(Start.AddHours(-2));
        var refund = await CancelAsync(_factory.Operator(), bookings[0]);

        Assert.Equal((bookings[0].GetProperty("amount").GetInt64(), 100), refund);
        Assert.Equal("operator", (await _factory.EventsAsync("booking.cancelled", bookings[0].Id()))[0].GetProperty("cancelledBy").GetString());
    }

    [Fact]
    public async Task ScheduleDeparture_WithItsOwnPolicy_CopiesItOntoBookings()
    {
        var tour = await _factory.PublishedTourAsync();
        var policy = new { tiers = new object[] { new { hoursBefore = 24, refundPercent = 80 } } };
        var departure = (await _factory.Operator().ScheduleAsync(tour, BookingApi.DepartureBody("2027-11-02T10:00", "Europe/Berlin", 5,
            b => b["cancellationPolicy"] = policy))).Id();
        var tourist = _factory.Tourist();
        var booking = await tourist.HoldAsync(departure);
        await _factory.Operator().PatchAsync($"/api/departures/{departure}",
            System.Net.Http.Json.JsonContent.Create(new { cancellationPolicy = new { tiers = new object[] { new { hoursBefore = 24, refundPercent = 0 } } } }));
        await _factory.PaySucceededAsync(booking);
        await BookingApi.EventuallyAsync(async () => await tourist.StatusAsync(booking.Id()) == "confirmed", "confirmed");

        _factory.Clock.SetUtcNow(Start.AddHours(-30));
        var refund = await CancelAsync(tourist, booking);

        Assert.Equal((booking.GetProperty("amount").GetInt64() * 80 / 100, 80), refund);
    }
}
