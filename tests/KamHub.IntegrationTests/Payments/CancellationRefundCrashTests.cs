using System.Net;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.Payments.Providers;
using KamHub.Payments.Providers.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Payments;

/// <summary>
/// A cancellation's refund is recorded (committed) before the provider is asked, so losing the provider's answer
/// after the money moved (a timeout, or KamHub dying before it wrote the answer down) leaves a requested refund in
/// plain sight, which is finished with the same refund id: the provider makes it once, the ledger counts it once.
/// </summary>
public sealed class CancellationRefundCrashTests : IDisposable
{
    private readonly ScriptedRefunds _provider = new();
    private readonly PaymentsFactory _factory;

    public CancellationRefundCrashTests() => _factory = new PaymentsFactory(start: new DateTimeOffset(2027, 6, 26, 0, 0, 0, TimeSpan.Zero), services: s =>
        s.AddKeyedSingleton<IPaymentProvider>(SandboxProvider.ProviderName, (sp, _) => _provider.Wrap(ActivatorUtilities.CreateInstance<SandboxProvider>(sp))));

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task CancellationRefund_WhenTheProvidersAnswerIsLostAfterItRefunded_IsShownRequestedAndFinishedOnceWithTheSameId()
    {
        var (tourist, booking) = await _factory.ConfirmedBookingAsync(adults: 2);
        var paymentId = booking.PaymentId();
        _provider.LoseNextAnswer(1);

        Assert.Equal(HttpStatusCode.OK, (await tourist.PostAsync($"/api/bookings/{booking.Id()}/cancel", null)).StatusCode);

        // The provider refunded, KamHub never heard back: the refund is on record as requested, its money reserved.
        await BookingApi.EventuallyAsync(async () => !_provider.Calls.IsEmpty
            && (await _factory.PaymentAsync(paymentId)).GetProperty("refunds").EnumerateArray().Any(r => r.GetProperty("status").GetString() == "requested"),
            "a requested refund while the provider's answer is lost");
        var payment = await _factory.PaymentAsync(paymentId);
        Assert.Equal(500_000, Assert.Single(payment.GetProperty("refunds").EnumerateArray()).GetProperty("amountMinor").GetInt64());
        Assert.Equal(500_000, payment.GetProperty("refundableMinor").GetInt64());
        Assert.Equal(0, payment.GetProperty("refundedMinor").GetInt64());

        _factory.Clock.Advance(TimeSpan.FromMinutes(2));

        await _factory.WaitForRefundedAsync(paymentId, 500_000);
        Assert.Equal(500_000, Assert.Single(_provider.Made).Value);
        Assert.Single(_provider.Calls.Distinct());
        Assert.Equal(2, _provider.Calls.Count);
        Assert.Single(await _factory.EventsAsync("payment.refunded", paymentId));
        await _factory.AssertLedgerBalancesAsync();
    }

    [Fact]
    public async Task CancellationRefund_WhenTheProviderIsDown_IsShownRequestedAndMadeOnceItIsBack()
    {
        var (tourist, booking) = await _factory.ConfirmedBookingAsync(adults: 2);
        var paymentId = booking.PaymentId();
        _provider.FailNext(1);

        Assert.Equal(HttpStatusCode.OK, (await tourist.PostAsync($"/api/bookings/{booking.Id()}/cancel", null)).StatusCode);

        await BookingApi.EventuallyAsync(async () => !_provider.Calls.IsEmpty
            && (await _factory.PaymentAsync(paymentId)).GetProperty("refunds").EnumerateArray().Any(r => r.GetProperty("status").GetString() == "requested"),
            "a requested refund while the provider is down");
        Assert.Empty(_provider.Made);

        _factory.Clock.Advance(TimeSpan.FromMinutes(2));

        await _factory.WaitForRefundedAsync(paymentId, 500_000);
        Assert.Equal(500_000, Assert.Single(_provider.Made).Value);
        Assert.Single(await _factory.EventsAsync("payment.refunded", paymentId));
        await _factory.AssertLedgerBalancesAsync();
    }
}
