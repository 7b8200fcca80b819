using System.Net;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.Payments.Data;

namespace KamHub.IntegrationTests.Payments;

/// <summary>Providers deliver at least once, sometimes many copies at once: one event, one transition, one capture.</summary>
public sealed class WebhookConcurrencyTests : IDisposable
{
    private readonly PaymentsFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Webhook_WhenTheSameEventArrives20TimesAtOnce_MakesOneTransitionAndOnePaymentSucceeded()
    {
        var (tourist, booking) = await _factory.HeldBookingAsync();
        var body = PaymentsApi.WebhookBody("payment.succeeded", booking.PaymentId(), booking.GetProperty("amount").GetInt64());
        var now = _factory.Clock.GetUtcNow();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _factory.CreateClient().SendAsync(PaymentsApi.SignedWebhook(body, now))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var outcomes = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadAsStringAsync()).Contains("transitioned", StringComparison.Ordinal)));
        Assert.Single(outcomes, transitioned => transitioned);
        await tourist.WaitForStatusAsync(booking.Id(), "confirmed");
        Assert.Single(await _factory.EventsAsync("payment.succeeded", booking.PaymentId()));
        Assert.Single(await _factory.EventsAsync("booking.confirmed", booking.Id()));
        var captures = await _factory.WithPaymentsDbAsync(db => Task.FromResult(db.Ledger.Count(l => l.Kind == LedgerKinds.Capture)));
        Assert.Equal(1, captures);
    }

    [Fact]
    public async Task Webhook_WhenDifferentEventsSayPaidAndDeclinedAtOnce_OnlyOneOutcomeWins()
    {
        var (_, booking) = await _factory.HeldBookingAsync();
        var amount = booking.GetProperty("amount").GetInt64();
        var now = _factory.Clock.GetUtcNow();

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => _factory.CreateClient().SendAsync(
            PaymentsApi.SignedWebhook(PaymentsApi.WebhookBody(i % 2 == 0 ? "payment.succeeded" : "payment.failed", booking.PaymentId(), amount), now))));

        var status = (await _factory.PaymentAsync(booking.PaymentId())).GetProperty("status").GetString();
        var succeeded = await _factory.EventsAsync("payment.succeeded", booking.PaymentId());
        var failed = await _factory.EventsAsync("payment.failed", booking.PaymentId());
        // A later success may follow a decline (the customer tried another card), never the other way round.
        Assert.True(status == "succeeded" ? succeeded.Count == 1 && failed.Count <= 1 : succeeded.Count == 0 && failed.Count == 1, $"{status}: {succeeded.Count} / {failed.Count}");
        await _factory.AssertLedgerBalancesAsync();
    }

    [Fact]
    public async Task SandboxPay_WhenClicked20TimesAtOnce_TellsExactlyOneClickItPaid()
    {
        var (tourist, booking) = await _factory.HeldBookingAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _factory.PressAsync(booking.PaymentId(), "pay")));

        var paid = 0;
        foreach (var response in responses)
        {
            if (response.StatusCode == HttpStatusCode.OK)
            {
                Assert.Equal("paid", (await response.JsonAsync()).GetProperty("outcome").GetString());
                paid++;
            }
            else
            {
                await DiscoveryApi.AssertProblemAsync(response, HttpStatusCode.Conflict);
            }
        }

        Assert.Equal(1, paid);
        await tourist.WaitForStatusAsync(booking.Id(), "confirmed");
        Assert.Single(await _factory.EventsAsync("payment.succeeded", booking.PaymentId()));
    }

    [Fact]
    public async Task StartPayment_WhenTheSameBookingAsksManyTimesAtOnce_CreatesOnePayment()
    {
        var departure = await _factory.DepartureAsync(capacity: 5);
        var tourist = _factory.Tourist();
        var body = BookingApi.BookingBody(departure);

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => tourist.BookAsync(body, "same-key")));

        var ids = await Task.WhenAll(answers.Select(async a => (await a.JsonAsync()).PaymentId()));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await _factory.WithPaymentsDbAsync(db => Task.FromResult(db.Payments.Count())));
    }
}
