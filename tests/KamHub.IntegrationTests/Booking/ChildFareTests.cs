using System.Net;
using System.Net.Http.Json;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Booking;

/// <summary>Adults pay the departure's price, children its child fare: the departure's override, else the tour's child price, else the adult price.</summary>
public sealed class ChildFareTests : IDisposable
{
    private readonly BookingFactory _factory = new(start: new DateTimeOffset(2027, 6, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _factory.Dispose();

    private async Task<Guid> DepartureAsync(long? tourChildPrice, Action<Dictionary<string, object?>>? departure = null)
    {
        var tour = (await _factory.Operator().CreatePublishedAsync(DiscoveryApi.TourBody(change: b => b["childPrice"] = tourChildPrice))).Id();
        return (await _factory.Operator().ScheduleAsync(tour, BookingApi.DepartureBody(change: departure))).Id();
    }

    private async Task<long> AmountAsync(Guid departure, int adults, int children)
    {
        var response = await _factory.Tourist().BookAsync(BookingApi.BookingBody(departure, adults, children));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.JsonAsync()).GetProperty("amount").GetInt64();
    }

    [Fact]
    public async Task CreateBooking_WithChildren_ChargesTheToursChildPrice()
    {
        var departure = await DepartureAsync(tourChildPrice: 300_000);

        Assert.Equal(2 * 500_000 + 300_000, await AmountAsync(departure, adults: 2, children: 1));
        Assert.Equal(300_000, (await _factory.CreateClient().GetJsonAsync($"/api/departures/{departure}")).GetProperty("childPrice").GetInt64());
    }

    [Fact]
    public async Task CreateBooking_WhenTheTourHasNoChildPrice_ChargesChildrenTheAdultPrice()
    {
        var departure = await DepartureAsync(tourChildPrice: null);

        Assert.Equal(3 * 500_000, await AmountAsync(departure, adults: 1, children: 2));
    }

    [Fact]
    public async Task CreateBooking_OnADepartureWithAChildOverride_ChargesTheOverride()
    {
        var departure = await DepartureAsync(tourChildPrice: 300_000, d => d["childPriceOverride"] = 100_000L);

        Assert.Equal(500_000 + 2 * 100_000, await AmountAsync(departure, adults: 1, children: 2));
    }

    [Fact]
    public async Task CreateBooking_WhenTheAdultOverrideIsBelowTheToursChildPrice_ChargesChildrenNoMoreThanAdults()
    {
        var departure = await DepartureAsync(tourChildPrice: 300_000, d => d["priceOverride"] = 200_000L);

        Assert.Equal(2 * 200_000, await AmountAsync(departure, adults: 1, children: 1));
    }

    [Fact]
    public async Task EditDeparture_WithAChildOverride_PricesLaterBookingsOnly()
    {
        var departure = await DepartureAsync(tourChildPrice: null);
        var before = await AmountAsync(departure, adults: 1, children: 1);

        var edited = await _factory.Operator().PatchAsJsonAsync($"/api/departures/{departure}", new { childPriceOverride = 50_000L });

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(2 * 500_000, before);
        Assert.Equal(500_000 + 50_000, await AmountAsync(departure, adults: 1, children: 1));
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(500_001L)]
    public async Task CreateTour_WithAChildPriceBelowZeroOrAboveTheBasePrice_Answers400(long childPrice)
    {
        var response = await _factory.Operator().PostAsJsonAsync("/api/tours", DiscoveryApi.TourBody(change: b => b["childPrice"] = childPrice));

        await DiscoveryApi.AssertProblemAsync(response, HttpStatusCode.BadRequest, "childPrice");
    }

    [Fact]
    public async Task ScheduleDeparture_WithANegativeChildOverride_Answers400()
    {
        var tour = await _factory.PublishedTourAsync();

        var response = await _factory.Operator().PostAsJsonAsync($"/api/tours/{tour}/departures", BookingApi.DepartureBody(change: d => d["childPriceOverride"] = -5L));

        await DiscoveryApi.AssertProblemAsync(response, HttpStatusCode.BadRequest, "childPriceOverride");
    }
}
