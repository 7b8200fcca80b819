using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.IntegrationTests.Payments.Providers;

namespace KamHub.IntegrationTests.Payments;

/// <summary>
/// A refund made at the provider's side (its dashboard, its support), which KamHub never asked for, is legitimate
/// money movement: it is recorded, and then the booking, the ledger, the operator's balance and the admin's view
/// all agree. Never money refunded on a booking that still says paid.
/// </summary>
public sealed class ProviderSideRefundTests
{
    public static readonly TheoryData<string> Providers = new() { "sandbox", "stripe", "cloudpayments" };

    private static async Task<(ProviderUnderTest Under, HttpClient Tourist, System.Text.Json.JsonElement Booking)> PaidAsync(string provider)
    {
        var under = await ProviderUnderTest.StartAsync(provider);
        var (tourist, booking) = await under.Factory.HeldBookingAsync(adults: 2);
        var paid = await under.NotifyPaidAsync(booking.PaymentId(), booking.GetProperty("amount").GetInt64());
        Assert.True(paid.IsSuccessStatusCode, await paid.Content.ReadAsStringAsync());
        await tourist.WaitForStatusAsync(booking.Id(), "confirmed");
        return (under, tourist, booking);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ProviderSideRefund_OfTheWholePayment_CancelsTheBookingAndBookingLedgerBalanceAndAdminAgree(string provider)
    {
        var (under, tourist, booking) = await PaidAsync(provider);
        await using var _ = under;
        var factory = under.Factory;
        var paymentId = booking.PaymentId();
        var amount = booking.GetProperty("amount").GetInt64();
        var departure = booking.GetProperty("departureId").GetGuid();
        var seatsBefore = await factory.SeatsLeftAsync(departure);

        var response = await under.NotifyProviderSideRefundAsync(paymentId, amount);

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        await tourist.WaitForStatusAsync(booking.Id(), "cancelled");
        var cancelled = await tourist.GetJsonAsync($"/api/bookings/{booking.Id()}");
        Assert.Equal("refunded-at-provider", cancelled.GetProperty("cancellationReason").GetString());
        Assert.Equal(amount, cancelled.GetProperty("refund").GetProperty("amount").GetInt64());
        Assert.Equal(seatsBefore + 2, await factory.SeatsLeftAsync(departure));

        // The admin's payments console: the refund, its origin and the totals.
        var payment = await factory.PaymentAsync(paymentId);
        Assert.Equal(amount, payment.GetProperty("refundedMinor").GetInt64());
        Assert.Equal(0, payment.GetProperty("refundableMinor").GetInt64());
        var refund = Assert.Single(payment.GetProperty("refunds").EnumerateArray());
        Assert.Equal("provider", refund.GetProperty("reason").GetString());
        Assert.Equal("completed", refund.GetProperty("status").GetString());

        // The ledger and the operator's balance: the whole capture went back, commission included.
        await factory.AssertLedgerBalancesAsync();
        var balance = await factory.Operator().BalanceAsync();
        Assert.Equal(amount, balance.GetProperty("refundedMinor").GetInt64());

        // One refund event, one cancellation, and the cancellation asks for no second refund.
        Assert.Single(await factory.EventsAsync("payment.refunded", paymentId));
        var bookingCancelled = Assert.Single(await factory.EventsAsync("booking.cancelled", booking.Id()));
        Assert.Equal(0, bookingCancelled.GetProperty("refundMinor").GetInt64());
        await AssertNoOtherRefundAsync(factory, paymentId);
    }

    [Fact]
    public async Task ProviderSideRefund_OfPartOfThePayment_CancelsTheBookingWithThatRefundAndKamHubRefundsNothingMore()
    {
        var (under, tourist, booking) = await PaidAsync("sandbox");
        await using var _ = under;
        var paymentId = booking.PaymentId();

        Assert.True((await under.NotifyProviderSideRefundAsync(paymentId, 30_000)).IsSuccessStatusCode);
        await tourist.WaitForStatusAsync(booking.Id(), "cancelled");
        Assert.True((await under.NotifyProviderSideRefundAsync(paymentId, 20_000)).IsSuccessStatusCode);

        await BookingApi.EventuallyAsync(async () =>
            (await tourist.GetJsonAsync($"/api/bookings/{booking.Id()}")).GetProperty("refund").GetProperty("amount").GetInt64() == 50_000, "booking shows both refunds");
        await AssertNoOtherRefundAsync(under.Factory, paymentId);
        Assert.Equal(50_000, (await under.Factory.PaymentAsync(paymentId)).GetProperty("refundedMinor").GetInt64());
        Assert.Single(await under.Factory.EventsAsync("booking.cancelled", booking.Id()));
        await under.Factory.AssertLedgerBalancesAsync();
    }

    [Fact]
    public async Task OurOwnRefund_CompletedByItsWebhook_LeavesABookingThatWasNotCancelledAlone()
    {
        var (under, tourist, booking) = await PaidAsync("sandbox");
        await using var _ = under;

        var created = await under.Factory.Admin().RefundAsync(booking.PaymentId(), 10_000);

        Assert.True(created.IsSuccessStatusCode);
        await under.Factory.WaitForRefundedAsync(booking.PaymentId(), 10_000);
        await under.Factory.EventsAsync("payment.refunded", booking.PaymentId());
        // A goodwill refund by an admin is KamHub's own decision: the trip still happens.
        Assert.Equal("confirmed", await tourist.StatusAsync(booking.Id()));
    }

    /// <summary>Every refund of the payment is one the provider made: KamHub asked for none on top (not even after booking.cancelled).</summary>
    private static async Task AssertNoOtherRefundAsync(PaymentsFactory factory, Guid paymentId)
    {
        // Let Payments' booking.cancelled subscriber run: it would have recorded its refund by the time the event is handled.
        await BookingApi.EventuallyAsync(async () => await factory.SubscriberCaughtUpAsync("payments.booking-cancelled"), "payments handled booking.cancelled");
        var reasons = (await factory.PaymentAsync(paymentId)).GetProperty("refunds").EnumerateArray().Select(r => r.GetProperty("reason").GetString()).ToList();
        Assert.All(reasons, r => Assert.Equal("provider", r));
    }
}
