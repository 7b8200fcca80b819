using System.Net;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.Payments.Data;
using Microsoft.EntityFrameworkCore;

namespace KamHub.IntegrationTests.Payments;

/// <summary>
/// Money conservation across a mix of outcomes, with a commission (12.5 %) that does not divide the amounts evenly.
/// Starts 4.8 days before the departure, so a customer's cancellation refunds 50 %.
/// </summary>
public sealed class LedgerTests : IDisposable
{
    private readonly PaymentsFactory _factory = new(start: new DateTimeOffset(2027, 6, 26, 0, 0, 0, TimeSpan.Zero), commissionPercent: "12.5");

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Ledger_AcrossPaidDeclinedCancelledAndRefundedBookings_ConservesEveryMinorUnit()
    {
        var departure = await _factory.DepartureAsync(capacity: 20);
        var tourist = _factory.Tourist();
        var paid = new List<System.Text.Json.JsonElement>();
        for (var seats = 1; seats <= 5; seats++)
        {
            var booking = await tourist.HoldAsync(departure, seats);
            await _factory.PayAsync(booking.PaymentId());
            paid.Add(booking);
        }

        var declined = await tourist.HoldAsync(departure, 1);
        await _factory.PressAsync(declined.PaymentId(), "decline");
        foreach (var booking in paid) await tourist.WaitForStatusAsync(booking.Id(), "confirmed");

        Assert.Equal(HttpStatusCode.OK, (await tourist.PostAsync($"/api/bookings/{paid[0].Id()}/cancel", null)).StatusCode); // 50 % back
        Assert.Equal(HttpStatusCode.OK, (await _factory.Operator().PostAsync($"/api/bookings/{paid[1].Id()}/cancel", null)).StatusCode); // 100 % back
        Assert.Equal(HttpStatusCode.Created, (await _factory.Admin().RefundAsync(paid[2].PaymentId(), 333_333)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _factory.Admin().RefundAsync(paid[2].PaymentId(), 1)).StatusCode);
        await _factory.WaitForRefundedAsync(paid[0].PaymentId(), 250_000);
        await _factory.WaitForRefundedAsync(paid[1].PaymentId(), 1_000_000);

        Assert.Equal(6, await _factory.AssertLedgerBalancesAsync());
        var (captured, refunded, platform) = await _factory.WithPaymentsDbAsync(async db => (
            await db.Payments.SumAsync(p => p.CapturedMinor), await db.Payments.SumAsync(p => p.RefundedMinor),
            await db.Ledger.Where(l => l.Account == LedgerAccounts.Platform).SumAsync(l => l.AmountMinor)));
        var balance = await _factory.Operator().BalanceAsync();
        Assert.Equal(captured, balance.GetProperty("grossMinor").GetInt64());
        Assert.Equal(refunded, balance.GetProperty("refundedMinor").GetInt64());
        Assert.Equal(platform, balance.GetProperty("commissionMinor").GetInt64());
        Assert.Equal(captured - platform - refunded, balance.GetProperty("balanceMinor").GetInt64());
        // Commission is 12.5 % of what each customer finally paid, rounded down per payment.
        var kept = new[] { 500_000L - 250_000, 0, 1_500_000 - 333_334, 2_000_000, 2_500_000 };
        Assert.Equal(kept.Sum(k => k * 1250 / 10_000), platform);
    }

    [Fact]
    public async Task Balance_AfterACaptureAndAPartialRefund_IsGrossLessCommissionLessRefunds()
    {
        var (_, booking) = await _factory.ConfirmedBookingAsync(adults: 2);
        Assert.Equal(HttpStatusCode.Created, (await _factory.Admin().RefundAsync(booking.PaymentId(), 400_000)).StatusCode);

        var balance = await _factory.Operator().BalanceAsync();

        Assert.Equal(1_000_000, balance.GetProperty("grossMinor").GetInt64());
        Assert.Equal(400_000, balance.GetProperty("refundedMinor").GetInt64());
        Assert.Equal(75_000, balance.GetProperty("commissionMinor").GetInt64()); // 12.5 % of 600 000
        Assert.Equal(525_000, balance.GetProperty("balanceMinor").GetInt64());
        Assert.Equal(525_000, balance.GetProperty("unpaidMinor").GetInt64());
    }
}
