using System.Net;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.Payments.Contracts;

namespace KamHub.IntegrationTests.Engagement;

/// <summary>Loyalty points earned when a trip completes: 5 % of 5 000.00 RUB is 250 points, for 12 months.</summary>
public sealed class PointsTests : IDisposable
{
    private readonly BookingFactory _factory = new(start: EngagementApi.Start);

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Points_WhenATripCompletes_AreEarnedOnceAndLapseAfterTwelveMonths()
    {
        var departure = await _factory.DepartureAsync(startsAt: EngagementApi.StartsAt);
        var tourist = _factory.Tourist();
        Assert.Equal(0, (await tourist.GetJsonAsync("/api/me/points")).GetProperty("balance").GetInt64());
        var booking = await tourist.HoldAsync(departure);
        await _factory.PaySucceededAsync(booking);
        await BookingApi.EventuallyAsync(async () => await tourist.StatusAsync(booking.Id()) == "confirmed", "confirmed");

        await _factory.CompleteTripsAsync(_factory.Clock, booking.Id());

        var points = await tourist.GetJsonAsync("/api/me/points");
        Assert.Equal(250, points.GetProperty("balance").GetInt64());
        var lot = Assert.Single(points.GetProperty("expiring").EnumerateArray());
        Assert.Equal(_factory.Clock.GetUtcNow().AddMonths(12), lot.GetProperty("expiresAt").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await _factory.Tourist().GetJsonAsync("/api/me/points")).GetProperty("balance").GetInt64());

        _factory.Clock.Advance(TimeSpan.FromDays(366));
        Assert.Equal(0, (await tourist.GetJsonAsync("/api/me/points")).GetProperty("balance").GetInt64());
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClient().GetAsync("/api/me/points")).StatusCode);
    }

    [Fact]
    public async Task Points_WhenACompletedTripIsRefundedAtTheProvider_AreTakenBackOnce()
    {
        var departure = await _factory.DepartureAsync(startsAt: EngagementApi.StartsAt);
        var tourist = _factory.Tourist();
        var booking = await tourist.HoldAsync(departure);
        var paymentId = Guid.NewGuid();
        await _factory.PaySucceededAsync(booking, paymentId);
        await BookingApi.EventuallyAsync(async () => await tourist.StatusAsync(booking.Id()) == "confirmed", "confirmed");
        await _factory.CompleteTripsAsync(_factory.Clock, booking.Id());
        Assert.Equal(250, (await tourist.GetJsonAsync("/api/me/points")).GetProperty("balance").GetInt64());

        var refund = new PaymentRefunded(paymentId, booking.Id(), Guid.NewGuid(), 500_000, "RUB", _factory.Clock.GetUtcNow(), PaymentRefunded.ProviderSide);
        await _factory.PublishAsync(paymentId.ToString(), refund);

        await BookingApi.EventuallyAsync(async () => (await tourist.GetJsonAsync("/api/me/points")).GetProperty("balance").GetInt64() == 0,
            "the earning reversed");
        Assert.Equal("cancelled", await tourist.StatusAsync(booking.Id()));
        Assert.Empty((await tourist.GetJsonAsync("/api/me/points")).GetProperty("expiring").EnumerateArray());
    }
}
