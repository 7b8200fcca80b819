using System.Net;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.Payments.Providers;
using KamHub.Payments.Providers.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Payments;

/// <summary>A provider that is down when a refund is asked: the money is reserved, and the refund is finished later with the same id.</summary>
public sealed class RefundRetryTests : IDisposable
{
    private readonly RefundOutage _outage = new();
    private readonly PaymentsFactory _factory;

    public RefundRetryTests() => _factory = new PaymentsFactory(start: new DateTimeOffset(2027, 6, 26, 0, 0, 0, TimeSpan.Zero), services: s =>
        s.AddKeyedSingleton<IPaymentProvider>(SandboxProvider.ProviderName, (sp, _) => new FlakyRefunds(ActivatorUtilities.CreateInstance<SandboxProvider>(sp), _outage)));

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ManualRefund_WhenTheProviderIsDown_Answers202AndTheRetrierFinishesItWithTheSameId()
    {
        var (_, booking) = await _factory.ConfirmedBookingAsync(adults: 2);
        _outage.FailNext = 1;

        var response = await _factory.Admin().RefundAsync(booking.PaymentId(), 100_000);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var refund = await response.JsonAsync();
        Assert.Equal("requested", refund.GetProperty("status").GetString());
        var payment = await _factory.PaymentAsync(booking.PaymentId());
        Assert.Equal(0, payment.GetProperty("refundedMinor").GetInt64());
        Assert.Equal(900_000, payment.GetProperty("refundableMinor").GetInt64()); // reserved meanwhile

        _factory.Clock.Advance(TimeSpan.FromMinutes(2));

        await _factory.WaitForRefundedAsync(booking.PaymentId(), 100_000);
        Assert.Equal([refund.GetProperty("id").GetGuid(), refund.GetProperty("id").GetGuid()], _outage.RefundIds);
        await _factory.AssertLedgerBalancesAsync();
    }

    [Fact]
    public async Task CancellationRefund_WhenTheProviderFailsAtFirst_IsAskedAgainWithTheSameIdAndMadeOnce()
    {
        var (tourist, booking) = await _factory.ConfirmedBookingAsync(adults: 2);
        _outage.FailNext = 2;

        Assert.Equal(HttpStatusCode.OK, (await tourist.PostAsync($"/api/bookings/{booking.Id()}/cancel", null)).StatusCode);

        // The retrier runs on the (fake) clock: move it along while waiting.
        await BookingApi.EventuallyAsync(async () =>
        {
            _factory.Clock.Advance(TimeSpan.FromSeconds(5));
            return (await _factory.PaymentAsync(booking.PaymentId())).GetProperty("refundedMinor").GetInt64() == 500_000;
        }, "the cancellation refund after the provider recovered");
        Assert.Equal(3, _outage.RefundIds.Count);
        Assert.Single(_outage.RefundIds.Distinct());
        Assert.Single(await _factory.EventsAsync("payment.refunded", booking.PaymentId()));
    }

    [Fact]
    public async Task ManualRefund_WhenTheProviderCompletesItLater_IsPendingUntilItsRefundWebhook()
    {
        var (_, booking) = await _factory.ConfirmedBookingAsync(adults: 2);
        _outage.Defer = true;
        var created = await _factory.Admin().RefundAsync(booking.PaymentId(), 100_000);
        Assert.Equal("pending", (await created.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(0, (await _factory.PaymentAsync(booking.PaymentId())).GetProperty("refundedMinor").GetInt64());
        var body = System.Text.Json.JsonSerializer.Serialize(new
        {
            id = "evt_refund_done",
            type = "refund.succeeded",
            created = 0,
            data = new { paymentId = booking.PaymentId(), providerPaymentId = $"sbx_{booking.PaymentId():N}", amountMinor = 100_000, currency = "RUB", refundId = "re_later" },
        });

        await _factory.CreateClient().SendAsync(PaymentsApi.SignedWebhook(body, _factory.Clock.GetUtcNow()));
        await _factory.CreateClient().SendAsync(PaymentsApi.SignedWebhook(body, _factory.Clock.GetUtcNow()));

        var payment = await _factory.PaymentAsync(booking.PaymentId());
        Assert.Equal(100_000, payment.GetProperty("refundedMinor").GetInt64());
        Assert.Equal("completed", Assert.Single(payment.GetProperty("refunds").EnumerateArray()).GetProperty("status").GetString());
        Assert.Single(await _factory.EventsAsync("payment.refunded", booking.PaymentId()));
        await _factory.AssertLedgerBalancesAsync();
    }

    private sealed class RefundOutage
    {
        public int FailNext;
        public bool Defer;
        public List<Guid> RefundIds { get; } = [];
    }

    private sealed class FlakyRefunds(IPaymentProvider inner, RefundOutage outage) : IPaymentProvider
    {
        public string Name => inner.Name;

        public Task<ProviderPaymentStart> StartAsync(ProviderPaymentRequest request, CancellationToken ct) => inner.StartAsync(request, ct);

        public Task<ProviderRefundResult> RefundAsync(ProviderRefundRequest request, CancellationToken ct)
        {
            lock (outage) outage.RefundIds.Add(request.RefundId);
            if (Interlocked.Decrement(ref outage.FailNext) >= 0) throw new HttpRequestException("provider unavailable", null, HttpStatusCode.ServiceUnavailable);
            return outage.Defer ? Task.FromResult(new ProviderRefundResult("re_later", Completed: false)) : inner.RefundAsync(request, ct);
        }

        public Task<WebhookVerdict> ReadWebhookAsync(IncomingWebhook webhook, IWebhookPaymentLookup payments, CancellationToken ct) =>
            inner.ReadWebhookAsync(webhook, payments, ct);

        public Task<ProviderPaymentStatus> GetStatusAsync(ProviderStatusRequest request, CancellationToken ct) => inner.GetStatusAsync(request, ct);
    }
}
