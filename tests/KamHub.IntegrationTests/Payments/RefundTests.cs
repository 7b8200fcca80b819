using System.Net;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Payments;

/// <summary>
/// Refunds from cancellations (the policy's share) and from admins, never above what was captured. The clock starts
/// 4.8 days before the departure (1 Jul 2027 08:00 Kamchatka = 30 Jun 20:00 UTC): inside the default 50 % tier.
/// </summary>
public sealed class RefundTests : IDisposable
{
    private const long Amount = 1_000_000; // two seats at 5 000.00 RUB

    private readonly PaymentsFactory _factory = new(start: new DateTimeOffset(2027, 6, 26, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _factory.Dispose();

    private static async Task CancelAsync(HttpClient client, Guid bookingId)
    {
        var response = await client.PostAsync($"/api/bookings/{bookingId}/cancel", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task CancelBooking_WithinThe50PercentTier_RefundsHalfAndPublishesPaymentRefunded()
    {
        var (tourist, booking) = await _factory.ConfirmedBookingAsync();

        await CancelAsync(tourist, booking.Id());

        await _factory.WaitForRefundedAsync(booking.PaymentId(), Amount / 2);
        var refunded = Assert.Single(await _factory.EventsAsync("payment.refunded", booking.PaymentId()));
        Assert.Equal(Amount / 2, refunded.GetProperty("amountMinor").GetInt64());
        var refund = Assert.Single((await _factory.PaymentAsync(booking.PaymentId())).GetProperty("refunds").EnumerateArray());
        Assert.Equal("completed", refund.GetProperty("status").GetString());
        Assert.Equal("cancellation", refund.GetProperty("reason").GetString());
        await _factory.AssertLedgerBalancesAsync();
    }

    [Fact]
    public async Task ManualRefund_InParts_RefundsUpToTheCapturedAmountAndRefuses422Beyond()
    {
        var (_, booking) = await _factory.ConfirmedBookingAsync();
        var admin = _factory.Admin();

        var first = await admin.RefundAsync(booking.PaymentId(), 300_000);
        var tooMuch = await admin.RefundAsync(booking.PaymentId(), 700_001);
        var rest = await admin.RefundAsync(booking.PaymentId(), 700_000);
        var more = await admin.RefundAsync(booking.PaymentId(), 1);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("completed", (await first.JsonAsync()).GetProperty("status").GetString());
        await DiscoveryApi.AssertProblemAsync(tooMuch, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(HttpStatusCode.Created, rest.StatusCode);
        await DiscoveryApi.AssertProblemAsync(more, HttpStatusCode.UnprocessableEntity);
        var payment = await _factory.PaymentAsync(booking.PaymentId());
        Assert.Equal(Amount, payment.GetProperty("refundedMinor").GetInt64());
        Assert.Equal(0, payment.GetProperty("refundableMinor").GetInt64());
        Assert.Equal(2, (await _factory.EventsAsync("payment.refunded", booking.PaymentId())).Count);
        await _factory.AssertLedgerBalancesAsync();
    }

    [Fact]
    public async Task ManualRefund_WhenManyRequestsRaceForTheSameMoney_NeverRefundsMoreThanCaptured()
    {
        var (_, booking) = await _factory.ConfirmedBookingAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _factory.Admin().RefundAsync(booking.PaymentId(), 300_000)));

        Assert.Equal(3, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(7, answers.Count(a => a.StatusCode == HttpStatusCode.UnprocessableEntity));
        Assert.Equal(900_000, (await _factory.PaymentAsync(booking.PaymentId())).GetProperty("refundedMinor").GetInt64());
        await _factory.AssertLedgerBalancesAsync();
    }

    [Fact]
    public async Task CancelBooking_AfterAnAdminRefundedMostOfIt_RefundsOnlyWhatIsLeft()
    {
        var (tourist, booking) = await _factory.ConfirmedBookingAsync();
        Assert.Equal(HttpStatusCode.Created, (await _factory.Admin().RefundAsync(booking.PaymentId(), 800_000)).StatusCode);

        await CancelAsync(tourist, booking.Id()); // the policy says 500 000

        await _factory.WaitForRefundedAsync(booking.PaymentId(), Amount);
        var refunds = (await _factory.PaymentAsync(booking.PaymentId())).GetProperty("refunds").EnumerateArray().ToList();
        Assert.Equal([800_000L, 200_000L], refunds.Select(r => r.GetProperty("amountMinor").GetInt64()));
    }

    [Fact]
    public async Task RefundWebhook_ForARefundMadeAtTheProvider_RecordsItOnceWithinTheCapturedAmount()
    {
        var (_, booking) = await _factory.ConfirmedBookingAsync();
        var body = System.Text.Json.JsonSerializer.Serialize(new
        {
            id = "evt_refund_1",
            type = "refund.succeeded",
            created = 0,
            data = new { paymentId = booking.PaymentId(), providerPaymentId = $"sbx_{booking.PaymentId():N}", amountMinor = 100_000, currency = "RUB", refundId = "re_dashboard_1" },
        });

        var first = await _factory.CreateClient().SendAsync(PaymentsApi.SignedWebhook(body, _factory.Clock.GetUtcNow()));
        var again = await _factory.CreateClient().SendAsync(PaymentsApi.SignedWebhook(body, _factory.Clock.GetUtcNow()));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(100_000, (await _factory.PaymentAsync(booking.PaymentId())).GetProperty("refundedMinor").GetInt64());
        Assert.Single(await _factory.EventsAsync("payment.refunded", booking.PaymentId()));
        await _factory.AssertLedgerBalancesAsync();
    }

    [Fact]
    public async Task ManualRefund_OfAPendingPayment_Answers409()
    {
        var (_, booking) = await _factory.HeldBookingAsync();

        await DiscoveryApi.AssertProblemAsync(await _factory.Admin().RefundAsync(booking.PaymentId(), 1), HttpStatusCode.Conflict);
    }
}
