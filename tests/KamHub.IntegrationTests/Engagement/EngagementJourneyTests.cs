using System.Net;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.IntegrationTests.Payments;

namespace KamHub.IntegrationTests.Engagement;

/// <summary>
/// Issue 20's journey through HTTP, on the sandbox provider: book → pay → the trip completes (moved clock) → review →
/// rating in search → points earned → points spent on a second booking → that booking cancelled → points back, with
/// the money adding up in the ledger at the end.
/// </summary>
public sealed class EngagementJourneyTests : IDisposable
{
    private readonly PaymentsFactory _factory = new(start: EngagementApi.Start);

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Journey_FromBookingToReviewPointsEarnedSpentAndReturned_AddsUp()
    {
        var tour = await _factory.PublishedTourAsync();
        var first = (await _factory.Operator().ScheduleAsync(tour, BookingApi.DepartureBody(EngagementApi.StartsAt))).Id();
        var later = (await _factory.Operator().ScheduleAsync(tour, BookingApi.DepartureBody("2027-08-15T08:00"))).Id();
        var tourist = _factory.ClientAs("Tourist", userId: Guid.NewGuid());

        var trip = await tourist.HoldAsync(first);
        await _factory.PayAsync(trip.PaymentId());
        await tourist.WaitForStatusAsync(trip.Id(), "confirmed");
        await _factory.CompleteTripsAsync(_factory.Clock, trip.Id());
        Assert.Equal("completed", await tourist.StatusAsync(trip.Id()));

        await tourist.ReviewedAsync(trip.Id(), 5);
        var anyone = _factory.CreateClient();
        await anyone.WaitForRatingAsync(tour, 5m, 1);
        Assert.Contains(tour, await anyone.SearchIdsAsync("minRating=5&limit=100"));

        // 5 % of the 5 000.00 paid.
        Assert.Equal(250, await tourist.PointsBalanceAsync());

        var spending = await tourist.BookWithPointsAsync(later, 200);
        Assert.Equal(HttpStatusCode.Created, spending.StatusCode);
        var second = await spending.JsonAsync();
        Assert.Equal(480_000, second.GetProperty("amount").GetInt64());
        Assert.Equal(50, await tourist.PointsBalanceAsync());
        await _factory.PayAsync(second.PaymentId());
        await tourist.WaitForStatusAsync(second.Id(), "confirmed");

        // Six weeks ahead: the whole payment goes back, and so do the points.
        Assert.Equal(HttpStatusCode.OK, (await tourist.PostAsync($"/api/bookings/{second.Id()}/cancel", null)).StatusCode);
        await _factory.WaitForRefundedAsync(second.PaymentId(), 480_000);
        await tourist.WaitForPointsAsync(250);

        Assert.Equal(2, await _factory.AssertLedgerBalancesAsync());
        var balance = await _factory.Operator().BalanceAsync();
        Assert.Equal(0, balance.GetProperty("platformDiscountMinor").GetInt64());
        Assert.Equal(500_000 - 50_000, balance.GetProperty("balanceMinor").GetInt64());
    }
}
