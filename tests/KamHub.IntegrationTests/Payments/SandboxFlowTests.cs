using System.Net;
using System.Net.Http.Headers;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.Payments.Providers.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Payments;

/// <summary>The sandbox provider end to end: hosted page, buttons, signed webhook back into KamHub, the booking's fate through the bus.</summary>
public sealed class SandboxFlowTests : IDisposable
{
    private readonly FlakyWebhooks _flaky = new();
    private readonly PaymentsFactory _factory;

    public SandboxFlowTests() =>
        _factory = new PaymentsFactory(services: s => s.AddHttpClient(SandboxWebhookSender.ClientName).AddHttpMessageHandler(() => new FlakyHandler(_flaky)));

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Pay_OnTheSandboxPage_SucceedsThePaymentAndConfirmsTheBooking()
    {
        var (tourist, booking) = await _factory.HeldBookingAsync(adults: 2);
        var paymentId = booking.PaymentId();
        Assert.Equal("sandbox", booking.GetProperty("payment").GetProperty("provider").GetString());
        Assert.Equal($"/pay/sandbox/{paymentId}", booking.GetProperty("payment").GetProperty("redirectUrl").GetString());

        var response = await _factory.PressAsync(paymentId, "pay");

        var body = await response.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("paid", body.GetProperty("outcome").GetString());
        Assert.Equal("succeeded", body.GetProperty("status").GetString());
        await tourist.WaitForStatusAsync(booking.Id(), "confirmed");
        var succeeded = Assert.Single(await _factory.EventsAsync("payment.succeeded", paymentId));
        Assert.Equal(booking.GetProperty("amount").GetInt64(), succeeded.GetProperty("amountMinor").GetInt64());
        Assert.Equal(booking.Id(), succeeded.GetProperty("bookingId").GetGuid());
        var payment = await _factory.PaymentAsync(paymentId);
        Assert.Equal(booking.GetProperty("amount").GetInt64(), payment.GetProperty("capturedMinor").GetInt64());
    }

    [Fact]
    public async Task Decline_OnTheSandboxPage_FailsThePaymentAndCancelsTheBooking()
    {
        var (tourist, booking) = await _factory.HeldBookingAsync(adults: 3, capacity: 5);

        var response = await _factory.PressAsync(booking.PaymentId(), "decline");

        Assert.Equal("declined", (await response.JsonAsync()).GetProperty("outcome").GetString());
        await tourist.WaitForStatusAsync(booking.Id(), "cancelled");
        var cancelled = await tourist.GetJsonAsync($"/api/bookings/{booking.Id()}");
        Assert.Equal("payment-failed", cancelled.GetProperty("cancellationReason").GetString());
        Assert.Equal(5, await _factory.SeatsLeftAsync(booking.GetProperty("departureId").GetGuid()));
        var failed = Assert.Single(await _factory.EventsAsync("payment.failed", booking.PaymentId()));
        Assert.Equal("card_declined", failed.GetProperty("failureCode").GetString());
    }

    [Fact]
    public async Task Page_ForAPendingPayment_ShowsReferenceAmountAndBothButtons()
    {
        var (_, booking) = await _factory.HeldBookingAsync(adults: 2);

        var response = await _factory.CreateClient().GetAsync(booking.GetProperty("payment").GetProperty("redirectUrl").GetString());

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(booking.GetProperty("reference").GetString()!, html, StringComparison.Ordinal);
        Assert.Contains("10,000.00 RUB", html, StringComparison.Ordinal);
        Assert.Contains($"action=\"/pay/sandbox/{booking.PaymentId()}/pay\"", html, StringComparison.Ordinal);
        Assert.Contains($"action=\"/pay/sandbox/{booking.PaymentId()}/decline\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pay_FromABrowserForm_RedirectsWith303ToThePageShowingTheOutcome()
    {
        var (_, booking) = await _factory.HeldBookingAsync();
        var browser = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = new HttpRequestMessage(HttpMethod.Post, $"/pay/sandbox/{booking.PaymentId()}/pay") { Content = new FormUrlEncodedContent([]) };
        form.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        var response = await browser.SendAsync(form);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"/pay/sandbox/{booking.PaymentId()}", response.Headers.Location?.OriginalString);
        var page = await (await browser.GetAsync(response.Headers.Location)).Content.ReadAsStringAsync();
        Assert.Contains("<strong id=\"status\">succeeded</strong>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_ForAnUnknownPayment_Answers404()
    {
        var client = _factory.CreateClient();

        await DiscoveryApi.AssertProblemAsync(await client.GetAsync($"/pay/sandbox/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await DiscoveryApi.AssertProblemAsync(await client.GetAsync("/pay/sandbox/not-a-payment"), HttpStatusCode.NotFound);
        await DiscoveryApi.AssertProblemAsync(await _factory.PressAsync(Guid.NewGuid(), "pay"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Pay_WhenAlreadyPaid_Answers409AndSendsNothing()
    {
        var (tourist, booking) = await _factory.ConfirmedBookingAsync();

        await DiscoveryApi.AssertProblemAsync(await _factory.PressAsync(booking.PaymentId(), "pay"), HttpStatusCode.Conflict);
        await DiscoveryApi.AssertProblemAsync(await _factory.PressAsync(booking.PaymentId(), "decline"), HttpStatusCode.Conflict);

        Assert.Equal("confirmed", await tourist.StatusAsync(booking.Id()));
        Assert.Single(await _factory.EventsAsync("payment.succeeded", booking.PaymentId()));
    }

    [Fact]
    public async Task Pay_WhenKamHubAnswers5xxAtFirst_TheSandboxRetriesTheWebhookUntilAccepted()
    {
        var (tourist, booking) = await _factory.HeldBookingAsync();
        _flaky.FailNext = 2;

        await _factory.PayAsync(booking.PaymentId());

        Assert.Equal(3, _flaky.Attempts);
        await tourist.WaitForStatusAsync(booking.Id(), "confirmed");
        Assert.Single(await _factory.EventsAsync("payment.succeeded", booking.PaymentId()));
    }

    [Fact]
    public async Task Pay_WhenKamHubNeverAccepts_Answers502AndThePaymentStaysPending()
    {
        var (_, booking) = await _factory.HeldBookingAsync();
        _flaky.FailNext = 100;

        await DiscoveryApi.AssertProblemAsync(await _factory.PressAsync(booking.PaymentId(), "pay"), HttpStatusCode.BadGateway);

        Assert.Equal("pending", (await _factory.PaymentAsync(booking.PaymentId())).GetProperty("status").GetString());
    }

    /// <summary>Shared between the test and the handler instances the client factory creates.</summary>
    private sealed class FlakyWebhooks
    {
        public int FailNext;
        public int Attempts;
    }

    /// <summary>Answers 503 instead of KamHub while <see cref="FlakyWebhooks.FailNext"/> lasts, as a restarting server would.</summary>
    private sealed class FlakyHandler(FlakyWebhooks state) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref state.Attempts);
            if (Interlocked.Decrement(ref state.FailNext) >= 0) return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
