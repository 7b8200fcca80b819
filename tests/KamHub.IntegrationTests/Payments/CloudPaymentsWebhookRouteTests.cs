using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Payments.Providers.Fakes;

namespace KamHub.IntegrationTests.Payments;

/// <summary>
/// CloudPayments posts each notification type to the URL configured for it: /api/payments/webhooks/cloudpayments/{type}.
/// The URL's type is the one applied, whatever the fields suggest; the shared URL still infers it.
/// </summary>
public sealed class CloudPaymentsWebhookRouteTests : IAsyncLifetime
{
    private FakeCloudPayments _cloud = null!;
    private PaymentsFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _cloud = await FakeCloudPayments.StartAsync();
        _factory = new PaymentsFactory(start: new DateTimeOffset(2027, 6, 26, 0, 0, 0, TimeSpan.Zero));
        _factory.With("KamHub:Payments:Provider", "cloudpayments")
            .With("KamHub:Payments:CloudPayments:PublicId", FakeCloudPayments.PublicId)
            .With("KamHub:Payments:CloudPayments:ApiSecret", FakeCloudPayments.ApiSecret)
            .With("KamHub:Payments:CloudPayments:ApiBase", _cloud.Server.BaseAddress.ToString());
    }

    public async Task DisposeAsync()
    {
        _factory.Dispose();
        await _cloud.DisposeAsync();
    }

    private async Task<(HttpClient Tourist, JsonElement Booking, string Amount)> HeldAsync()
    {
        var (tourist, booking) = await _factory.HeldBookingAsync();
        Assert.Equal("cloudpayments", booking.GetProperty("payment").GetProperty("provider").GetString());
        var amount = (booking.GetProperty("amount").GetInt64() / 100m).ToString("F2", CultureInfo.InvariantCulture);
        return (tourist, booking, amount);
    }

    private Task<HttpResponseMessage> NotifyAsync(string path, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        foreach (var (name, value) in CloudPaymentsNotifications.Signed(body))
        {
            if (name == "Content-Type") request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(value);
            else request.Headers.TryAddWithoutValidation(name, value);
        }

        return _factory.CreateClient().SendAsync(request);
    }

    private static async Task AssertCodeAsync(HttpResponseMessage response, int code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {text}");
        Assert.Equal(code, JsonDocument.Parse(text).RootElement.GetProperty("code").GetInt32());
    }

    private async Task<string> PaymentStatusAsync(Guid paymentId) => (await _factory.PaymentAsync(paymentId)).GetProperty("status").GetString()!;

    [Fact]
    public async Task CheckUrl_ForAnAwaitedPayment_AnswersCodeZeroAndChangesNothing()
    {
        var (_, booking, amount) = await HeldAsync();

        await AssertCodeAsync(await NotifyAsync("/api/payments/webhooks/cloudpayments/check", CloudPaymentsNotifications.Check(booking.PaymentId(), 2001, amount)), 0);

        Assert.Equal("pending", await PaymentStatusAsync(booking.PaymentId()));
    }

    [Fact]
    public async Task CheckUrl_AfterTheHoldExpired_AnswersCode20()
    {
        var (_, booking, amount) = await HeldAsync();
        _factory.Clock.Advance(TimeSpan.FromMinutes(16));

        await AssertCodeAsync(await NotifyAsync("/api/payments/webhooks/cloudpayments/check", CloudPaymentsNotifications.Check(booking.PaymentId(), 2002, amount)), 20);
    }

    [Fact]
    public async Task PayUrl_WhenTheFieldsLookLikeACheck_SucceedsThePaymentAndConfirmsTheBooking()
    {
        var (tourist, booking, amount) = await HeldAsync();
        // Without GatewayName/TotalFee the shared URL would take this for a Check; the Pay URL says what it is.
        var body = CloudPaymentsNotifications.Check(booking.PaymentId(), 2003, amount);

        await AssertCodeAsync(await NotifyAsync("/api/payments/webhooks/cloudpayments/pay", body), 0);

        Assert.Equal("succeeded", await PaymentStatusAsync(booking.PaymentId()));
        await tourist.WaitForStatusAsync(booking.Id(), "confirmed");
    }

    [Fact]
    public async Task FailUrl_ForAnAwaitedPayment_FailsThePaymentWithTheReason()
    {
        var (_, booking, amount) = await HeldAsync();

        await AssertCodeAsync(await NotifyAsync("/api/payments/webhooks/cloudpayments/fail", CloudPaymentsNotifications.Fail(booking.PaymentId(), 2004, amount)), 0);

        var payment = await _factory.PaymentAsync(booking.PaymentId());
        Assert.Equal("failed", payment.GetProperty("status").GetString());
    }

    [Fact]
    public async Task RefundUrl_ForAPaidPayment_RecordsTheRefundOnceAndTheLedgerBalances()
    {
        var (tourist, booking, amount) = await HeldAsync();
        await AssertCodeAsync(await NotifyAsync("/api/payments/webhooks/cloudpayments/pay", CloudPaymentsNotifications.Pay(booking.PaymentId(), 2005, amount)), 0);
        await tourist.WaitForStatusAsync(booking.Id(), "confirmed");
        var refund = CloudPaymentsNotifications.Refund(booking.PaymentId(), refundTransactionId: 2006, paymentTransactionId: 2005, "1000.00");

        await AssertCodeAsync(await NotifyAsync("/api/payments/webhooks/cloudpayments/refund", refund), 0);
        await AssertCodeAsync(await NotifyAsync("/api/payments/webhooks/cloudpayments/refund", refund), 0);

        Assert.Equal(100_000, (await _factory.PaymentAsync(booking.PaymentId())).GetProperty("refundedMinor").GetInt64());
        Assert.Single(await _factory.EventsAsync("payment.refunded", booking.PaymentId()));
        await _factory.AssertLedgerBalancesAsync();
    }

    [Fact]
    public async Task SharedUrl_WithAPayNotification_StillInfersPayAndSucceedsThePayment()
    {
        var (_, booking, amount) = await HeldAsync();

        await AssertCodeAsync(await NotifyAsync("/api/payments/webhooks/cloudpayments", CloudPaymentsNotifications.Pay(booking.PaymentId(), 2007, amount)), 0);

        Assert.Equal("succeeded", await PaymentStatusAsync(booking.PaymentId()));
    }

    [Theory]
    [InlineData("/api/payments/webhooks/cloudpayments/payout")]
    [InlineData("/api/payments/webhooks/sandbox/pay")]
    public async Task TypedUrl_ThatNoProviderPosts_Answers404AndChangesNothing(string path)
    {
        var (_, booking, amount) = await HeldAsync();

        await DiscoveryApi.AssertProblemAsync(await NotifyAsync(path, CloudPaymentsNotifications.Pay(booking.PaymentId(), 2008, amount)), HttpStatusCode.NotFound);

        Assert.Equal("pending", await PaymentStatusAsync(booking.PaymentId()));
    }
}
