using System.Net;
using System.Text.Json;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Payments;

/// <summary>Webhooks are trusted only when signed with the secret over a fresh timestamp; anything else is a 4xx that changes nothing.</summary>
public sealed class WebhookSecurityTests : IDisposable
{
    private readonly PaymentsFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private async Task<(HttpClient Tourist, JsonElement Booking, string Body)> PendingAsync()
    {
        var (tourist, booking) = await _factory.HeldBookingAsync();
        return (tourist, booking, PaymentsApi.WebhookBody("payment.succeeded", booking.PaymentId(), booking.GetProperty("amount").GetInt64()));
    }

    private async Task AssertUnchangedAsync(HttpClient tourist, JsonElement booking)
    {
        Assert.Equal("pending", (await _factory.PaymentAsync(booking.PaymentId())).GetProperty("status").GetString());
        Assert.Empty(await _factory.EventsAsync("payment.succeeded", booking.PaymentId()));
        Assert.Equal("held", await tourist.StatusAsync(booking.Id()));
    }

    [Fact]
    public async Task Webhook_WhenSignedWithAnotherSecret_Answers401AndChangesNothing()
    {
        var (tourist, booking, body) = await PendingAsync();

        var response = await _factory.CreateClient().SendAsync(PaymentsApi.SignedWebhook(body, _factory.Clock.GetUtcNow(), "someone-elses-secret-0123456789"));

        await DiscoveryApi.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        await AssertUnchangedAsync(tourist, booking);
    }

    [Fact]
    public async Task Webhook_WhenTheBodyWasAlteredAfterSigning_Answers401AndChangesNothing()
    {
        var (tourist, booking, body) = await PendingAsync();
        var request = PaymentsApi.SignedWebhook(PaymentsApi.WebhookBody("payment.failed", booking.PaymentId(), 1), _factory.Clock.GetUtcNow());
        request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        await DiscoveryApi.AssertProblemAsync(await _factory.CreateClient().SendAsync(request), HttpStatusCode.Unauthorized);
        await AssertUnchangedAsync(tourist, booking);
    }

    [Fact]
    public async Task Webhook_WhenUnsigned_Answers401AndChangesNothing()
    {
        var (tourist, booking, body) = await PendingAsync();

        var response = await _factory.CreateClient().PostAsync("/api/payments/webhooks/sandbox", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await DiscoveryApi.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        await AssertUnchangedAsync(tourist, booking);
    }

    [Fact]
    public async Task Webhook_WhenTheSignedTimestampIsStale_Answers400AndChangesNothing()
    {
        var (tourist, booking, body) = await PendingAsync();

        var response = await _factory.CreateClient().SendAsync(PaymentsApi.SignedWebhook(body, _factory.Clock.GetUtcNow().AddMinutes(-6)));

        await DiscoveryApi.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        await AssertUnchangedAsync(tourist, booking);
    }

    [Fact]
    public async Task Webhook_WhenACapturedRequestIsReplayedLater_Answers400AndChangesNothing()
    {
        var (tourist, booking) = await _factory.HeldBookingAsync();
        var decline = PaymentsApi.WebhookBody("payment.failed", booking.PaymentId(), booking.GetProperty("amount").GetInt64());
        var signedAt = _factory.Clock.GetUtcNow();
        var pay = PaymentsApi.SignedWebhook(PaymentsApi.WebhookBody("payment.succeeded", booking.PaymentId(), booking.GetProperty("amount").GetInt64()), signedAt);
        Assert.Equal(HttpStatusCode.OK, (await _factory.CreateClient().SendAsync(pay)).StatusCode);
        await tourist.WaitForStatusAsync(booking.Id(), "confirmed");

        // An attacker who captured a valid decline for this payment replays it after the tolerance.
        _factory.Clock.Advance(TimeSpan.FromMinutes(10));
        var replay = await _factory.CreateClient().SendAsync(PaymentsApi.SignedWebhook(decline, signedAt));

        await DiscoveryApi.AssertProblemAsync(replay, HttpStatusCode.BadRequest);
        Assert.Equal("succeeded", (await _factory.PaymentAsync(booking.PaymentId())).GetProperty("status").GetString());
        Assert.Empty(await _factory.EventsAsync("payment.failed", booking.PaymentId()));
    }

    [Fact]
    public async Task Webhook_WhenTheSameEventArrivesAgainWithinTolerance_AnswersOkAndChangesNothingMore()
    {
        var (tourist, booking, body) = await PendingAsync();
        var first = await _factory.CreateClient().SendAsync(PaymentsApi.SignedWebhook(body, _factory.Clock.GetUtcNow()));
        _factory.Clock.Advance(TimeSpan.FromMinutes(1));

        var again = await _factory.CreateClient().SendAsync(PaymentsApi.SignedWebhook(body, _factory.Clock.GetUtcNow()));

        Assert.Equal("transitioned", (await first.JsonAsync()).GetProperty("outcome").GetString());
        Assert.Equal("duplicate", (await again.JsonAsync()).GetProperty("outcome").GetString());
        await tourist.WaitForStatusAsync(booking.Id(), "confirmed");
        Assert.Single(await _factory.EventsAsync("payment.succeeded", booking.PaymentId()));
    }

    [Fact]
    public async Task Webhook_WhenTheAmountDiffersFromThePayment_Answers422AndChangesNothing()
    {
        var (tourist, booking) = await _factory.HeldBookingAsync();
        var cheap = PaymentsApi.WebhookBody("payment.succeeded", booking.PaymentId(), 100);

        var response = await _factory.CreateClient().SendAsync(PaymentsApi.SignedWebhook(cheap, _factory.Clock.GetUtcNow()));

        await DiscoveryApi.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        await AssertUnchangedAsync(tourist, booking);
    }

    [Fact]
    public async Task Webhook_WhenSignedButNotJson_Answers400()
    {
        var response = await _factory.CreateClient().SendAsync(PaymentsApi.SignedWebhook("{not json", _factory.Clock.GetUtcNow()));

        await DiscoveryApi.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Webhook_ForAnUnknownProvider_Answers404()
    {
        var response = await _factory.CreateClient().PostAsync("/api/payments/webhooks/paypal", new StringContent("{}"));

        await DiscoveryApi.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Webhook_ForAPaymentOfNoBooking_AnswersOkAndChangesNothing()
    {
        var body = PaymentsApi.WebhookBody("payment.succeeded", Guid.NewGuid(), 500);

        var response = await _factory.CreateClient().SendAsync(PaymentsApi.SignedWebhook(body, _factory.Clock.GetUtcNow()));

        Assert.Equal("unknown-payment", (await response.JsonAsync()).GetProperty("outcome").GetString());
        Assert.Equal(0, await _factory.WithPaymentsDbAsync(db => Task.FromResult(db.Ledger.Count())));
    }
}
