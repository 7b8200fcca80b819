using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Booking;

/// <summary>
/// A tour's refund tiers apply to its departures that have none of their own; the booking copies the policy when it
/// is made. The departure starts 1 July 2027 08:00 Kamchatka (30 June 20:00 UTC); every cancellation is 30 hours
/// before it, where the platform default would refund nothing.
/// </summary>
public sealed class TourPolicyTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2027, 6, 30, 20, 0, 0, TimeSpan.Zero);
    private static readonly object EightyPercentADayBefore = new { tiers = new[] { new { hoursBefore = 24, refundPercent = 80 } } };

    private readonly BookingFactory _factory = new(start: new DateTimeOffset(2027, 6, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _tourist;

    public TourPolicyTests() => _tourist = _factory.Tourist();

    public void Dispose() => _factory.Dispose();

    private async Task<(Guid Tour, Guid Departure)> DepartureAsync(object? tourPolicy, object? departurePolicy = null)
    {
        var tour = (await _factory.Operator().CreatePublishedAsync(DiscoveryApi.TourBody(change: b => b["cancellationPolicy"] = tourPolicy))).Id();
        var departure = (await _factory.Operator().ScheduleAsync(tour, BookingApi.DepartureBody(change: d => d["cancellationPolicy"] = departurePolicy))).Id();
        return (tour, departure);
    }

    private async Task<JsonElement> ConfirmedBookingAsync(Guid departure)
    {
        var booking = await _tourist.HoldAsync(departure);
        await _factory.PaySucceededAsync(booking);
        await BookingApi.EventuallyAsync(async () => await _tourist.StatusAsync(booking.Id()) == "confirmed", "confirmed");
        return booking;
    }

    private async Task<int> RefundPercentWhenCancelledAsync(JsonElement booking)
    {
        _factory.Clock.SetUtcNow(Start.AddHours(-30));
        var response = await _tourist.PostAsync($"/api/bookings/{booking.Id()}/cancel", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.JsonAsync()).GetProperty("refund").GetProperty("percent").GetInt32();
    }

    [Fact]
    public async Task CancelBooking_OnADepartureWithoutItsOwnPolicy_RefundsByTheToursTiers()
    {
        var (_, departure) = await DepartureAsync(EightyPercentADayBefore);
        var shown = await _factory.CreateClient().GetJsonAsync($"/api/departures/{departure}");
        var booking = await ConfirmedBookingAsync(departure);

        Assert.Equal(80, await RefundPercentWhenCancelledAsync(booking));
        Assert.Equal(80, shown.GetProperty("cancellationPolicy").GetProperty("tiers")[0].GetProperty("refundPercent").GetInt32());
    }

    [Fact]
    public async Task CancelBooking_WhenTheDepartureHasItsOwnPolicy_RefundsByTheDeparturesTiers()
    {
        var (_, departure) = await DepartureAsync(EightyPercentADayBefore, new { tiers = new[] { new { hoursBefore = 24, refundPercent = 30 } } });
        var booking = await ConfirmedBookingAsync(departure);

        Assert.Equal(30, await RefundPercentWhenCancelledAsync(booking));
    }

    [Fact]
    public async Task CancelBooking_AfterTheToursPolicyChanged_RefundsByThePolicyCopiedWhenBooked()
    {
        var (tour, departure) = await DepartureAsync(EightyPercentADayBefore);
        var booking = await ConfirmedBookingAsync(departure);

        var put = await _factory.Operator().PutAsJsonAsync($"/api/tours/{tour}",
            DiscoveryApi.TourBody(change: b => b["cancellationPolicy"] = new { tiers = new[] { new { hoursBefore = 24, refundPercent = 10 } } }));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(80, await RefundPercentWhenCancelledAsync(booking));
        var later = await ConfirmedBookingAsync(departure);
        Assert.Equal(10, await RefundPercentWhenCancelledAsync(later));
    }

    public static TheoryData<string, string> BadPolicies() => new()
    {
        { """{ "tiers": [] }""", "cancellationPolicy.tiers" },
        { """{ "tiers": [ { "daysBefore": 7, "hoursBefore": 48, "refundPercent": 100 } ] }""", "cancellationPolicy.tiers[0]" },
        { """{ "tiers": [ { "refundPercent": 100 } ] }""", "cancellationPolicy.tiers[0]" },
        { """{ "tiers": [ { "daysBefore": 400, "refundPercent": 100 } ] }""", "cancellationPolicy.tiers[0]" },
        { """{ "tiers": [ { "hoursBefore": 24, "refundPercent": 101 } ] }""", "cancellationPolicy.tiers[0].refundPercent" },
    };

    [Theory]
    [MemberData(nameof(BadPolicies))]
    public async Task CreateTour_WithAnInvalidCancellationPolicy_Answers400NamingTheTier(string policy, string field)
    {
        var response = await _factory.Operator().PostAsJsonAsync("/api/tours",
            DiscoveryApi.TourBody(change: b => b["cancellationPolicy"] = JsonDocument.Parse(policy).RootElement));

        await DiscoveryApi.AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }
}
