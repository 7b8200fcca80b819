using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Payments;

/// <summary>The customer pays on the provider's page after the hold ran out and was reclaimed by another booking.</summary>
public sealed class LatePaymentTests : IDisposable
{
    private readonly PaymentsFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Pay_AfterTheHoldExpiredWhileSeatsAreStillFree_ConfirmsTheBooking()
    {
        var departure = await _factory.DepartureAsync(capacity: 4);
        var late = _factory.Tourist();
        var booking = await late.HoldAsync(departure, adults: 2);
        _factory.Clock.Advance(TimeSpan.FromMinutes(16));
        await _factory.Tourist().HoldAsync(departure, adults: 1); // reclaims the run-out hold
        Assert.Equal("expired", await late.StatusAsync(booking.Id()));

        await _factory.PayAsync(booking.PaymentId());

        await late.WaitForStatusAsync(booking.Id(), "confirmed");
        Assert.Equal(1, await _factory.SeatsLeftAsync(departure));
        Assert.Empty(await _factory.EventsAsync("payment.refunded", booking.PaymentId()));
    }

    [Fact]
    public async Task Pay_AfterTheHoldExpiredAndTheSeatsWereSold_RefundsThePaymentInFull()
    {
        var departure = await _factory.DepartureAsync(capacity: 2);
        var late = _factory.Tourist();
        var booking = await late.HoldAsync(departure, adults: 2);
        _factory.Clock.Advance(TimeSpan.FromMinutes(16));
        await _factory.Tourist().HoldAsync(departure, adults: 2);

        await _factory.PayAsync(booking.PaymentId());

        await late.WaitForStatusAsync(booking.Id(), "cancelled");
        var amount = booking.GetProperty("amount").GetInt64();
        await _factory.WaitForRefundedAsync(booking.PaymentId(), amount);
        var refunded = Assert.Single(await _factory.EventsAsync("payment.refunded", booking.PaymentId()));
        Assert.Equal(amount, refunded.GetProperty("amountMinor").GetInt64());
        Assert.Equal(0, await _factory.SeatsLeftAsync(departure));
        await _factory.AssertLedgerBalancesAsync();
        // The operator never had this booking: its refund takes the commission back too.
        var balance = await _factory.Operator().BalanceAsync();
        Assert.Equal(0, balance.GetProperty("balanceMinor").GetInt64());
    }
}
