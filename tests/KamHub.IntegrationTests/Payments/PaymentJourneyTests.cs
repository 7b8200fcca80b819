using System.Net;
using System.Net.Http.Json;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Payments;

/// <summary>
/// The journey through HTTP only, with people signed in through the real login: an operator publishes a tour
/// and schedules a departure, a tourist books, pays on the sandbox page, is confirmed, cancels within the 50 % tier, is
/// refunded half, and the operator's balance and the payout add up. (Search steps join when Discovery's seats land.)
/// </summary>
public sealed class PaymentJourneyTests : IDisposable
{
    // 4.8 days before the departure (1 Jul 2027 08:00 Kamchatka = 30 Jun 20:00 UTC).
    private static readonly DateTimeOffset Start = new(2027, 6, 26, 0, 0, 0, TimeSpan.Zero);

    private readonly PaymentsFactory _factory = new(start: Start);

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Journey_FromPublishedTourToPartialRefund_LedgerAndBalanceAddUp()
    {
        var operatorClient = await _factory.AsDemoAsync("operator");
        var tourist = await _factory.AsDemoAsync("tourist");
        var admin = await _factory.AsAdminAsync();

        // Operator: tour (5 000.00 RUB a seat) and a departure with 6 seats.
        var tour = (await operatorClient.CreatePublishedAsync(DiscoveryApi.TourBody())).Id();
        var departure = await operatorClient.ScheduleAsync(tour, BookingApi.DepartureBody("2027-07-01T08:00", "Asia/Kamchatka", 6));
        Assert.Equal(6, departure.GetProperty("seatsLeft").GetInt32());

        // Tourist: books two seats and is sent to the hosted payment page.
        var booking = await tourist.HoldAsync(departure.Id(), adults: 2);
        Assert.Equal("held", booking.GetProperty("status").GetString());
        var page = await tourist.GetAsync(booking.GetProperty("payment").GetProperty("redirectUrl").GetString());
        Assert.Contains(booking.GetProperty("reference").GetString()!, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Pays: the sandbox signs a webhook, KamHub captures, the bus confirms the booking.
        await _factory.PayAsync(booking.PaymentId());
        await tourist.WaitForStatusAsync(booking.Id(), "confirmed");
        Assert.Equal(4, await _factory.SeatsLeftAsync(departure.Id()));

        // Cancels 4.8 days before: the 50 % tier; the refund reaches the provider and comes back as payment.refunded.
        var cancel = await tourist.PostAsync($"/api/bookings/{booking.Id()}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal(500_000, (await cancel.JsonAsync()).GetProperty("refund").GetProperty("amount").GetInt64());
        await _factory.WaitForRefundedAsync(booking.PaymentId(), 500_000);
        Assert.Single(await _factory.EventsAsync("payment.refunded", booking.PaymentId()));
        Assert.Equal(6, await _factory.SeatsLeftAsync(departure.Id()));

        // Money: captured − refunded = ledger; the operator keeps the half less 10 % commission on it.
        var payment = (await admin.GetJsonAsync($"/api/admin/payments?booking={booking.Id()}")).GetProperty("items")[0];
        Assert.Equal(1_000_000, payment.GetProperty("capturedMinor").GetInt64());
        Assert.Equal(500_000, payment.GetProperty("refundedMinor").GetInt64());
        await _factory.AssertLedgerBalancesAsync();
        var balance = await operatorClient.BalanceAsync();
        Assert.Equal(1_000_000, balance.GetProperty("grossMinor").GetInt64());
        Assert.Equal(50_000, balance.GetProperty("commissionMinor").GetInt64());
        Assert.Equal(500_000, balance.GetProperty("refundedMinor").GetInt64());
        Assert.Equal(450_000, balance.GetProperty("balanceMinor").GetInt64());

        // Payout: the operator is paid its balance once and sees it.
        var run = await admin.PostAsJsonAsync("/api/admin/payouts", new { from = Start, to = Start.AddDays(1) });
        Assert.Equal(450_000, Assert.Single((await run.JsonAsync()).GetProperty("items").EnumerateArray()).GetProperty("amountMinor").GetInt64());
        Assert.Equal(0, (await operatorClient.BalanceAsync()).GetProperty("balanceMinor").GetInt64());
        Assert.Single((await operatorClient.GetJsonAsync("/api/operator/payouts")).GetProperty("items").EnumerateArray());
    }
}
