using System.Net;
using System.Text.Json;
using KamHub.IntegrationTests.Payments.Providers.Fakes;
using KamHub.Payments.Providers;
using KamHub.Payments.Providers.Http;

namespace KamHub.IntegrationTests.Payments.Providers;

public sealed class YooKassaProviderTests : IAsyncLifetime
{
    private const string Section = "KamHub:Payments:YooKassa";
    private static readonly IPAddress YooKassaSender = IPAddress.Parse("185.71.76.7");
    private FakeYooKassa yooKassa = null!;
    private ProviderHost host = null!;

    public async Task InitializeAsync()
    {
        yooKassa = await FakeYooKassa.StartAsync();
        host = Host();
    }

    public async Task DisposeAsync()
    {
        host.Dispose();
        await yooKassa.DisposeAsync();
    }

    private ProviderHost Host(params (string Key, string Value)[] extra)
    {
        var settings = ProviderHost.FastRetries(Section);
        settings[$"{Section}:ShopId"] = FakeYooKassa.ShopId;
        settings[$"{Section}:SecretKey"] = FakeYooKassa.SecretKey;
        settings[$"{Section}:ApiBase"] = new Uri(yooKassa.Server.BaseAddress, "v3/").ToString();
        settings[$"{Section}:ReturnUrl"] = "https://kamhub.example/bookings";
        foreach (var (key, value) in extra) settings[$"{Section}:{key}"] = value;
        return ProviderHost.Create(settings);
    }

    private IPaymentProvider Provider => host.Provider("yookassa");

    private static ProviderPaymentRequest Payment(long amount = 450_000, string? returnUrl = null) => new(
        Guid.NewGuid(), Guid.NewGuid(), "KH-7Q2M", amount, "RUB", "tourist@example.com", "Avachinsky volcano, 1 July", DateTimeOffset.UtcNow.AddMinutes(15), returnUrl);

    [Fact]
    public async Task StartAsync_WhenCalled_CreatesRedirectPaymentWithBasicAuthAndIdempotenceKey()
    {
        var request = Payment();

        var start = await Provider.StartAsync(request, default);

        var sent = Assert.Single(yooKassa.Server.RequestsTo("/v3/payments"));
        Assert.Equal("Basic NTA2NzUxOnRlc3RfeW9va2Fzc2Ffc2VjcmV0", sent.Header("Authorization")); // 506751:test_yookassa_secret
        Assert.Equal(request.PaymentId.ToString(), sent.Header("Idempotence-Key"));
        var body = JsonDocument.Parse(sent.Body).RootElement;
        Assert.Equal("4500.00", body.GetProperty("amount").GetProperty("value").GetString());
        Assert.Equal("RUB", body.GetProperty("amount").GetProperty("currency").GetString());
        Assert.True(body.GetProperty("capture").GetBoolean());
        Assert.Equal("redirect", body.GetProperty("confirmation").GetProperty("type").GetString());
        Assert.Equal("https://kamhub.example/bookings", body.GetProperty("confirmation").GetProperty("return_url").GetString());
        Assert.Equal(request.PaymentId.ToString(), body.GetProperty("metadata").GetProperty("payment_id").GetString());
        Assert.Equal($"https://yoomoney.example/checkout?orderId={start.ProviderPaymentId}", start.RedirectUrl);
    }

    [Fact]
    public async Task StartAsync_WhenTheRequestNamesAReturnUrl_SendsThatOne()
    {
        await Provider.StartAsync(Payment(returnUrl: "https://kamhub.example/bookings/42"), default);

        var body = JsonDocument.Parse(Assert.Single(yooKassa.Server.RequestsTo("/v3/payments")).Body).RootElement;
        Assert.Equal("https://kamhub.example/bookings/42", body.GetProperty("confirmation").GetProperty("return_url").GetString());
    }

    [Fact]
    public async Task StartAsync_WhenYooKassaFailsTwiceWith500_RetriesWithTheSameKeyAndCreatesOnePayment()
    {
        yooKassa.Server.FailNext(2, HttpStatusCode.InternalServerError, """{"type":"error","code":"internal_server_error"}""");
        var request = Payment();

        var start = await Provider.StartAsync(request, default);
        var again = await Provider.StartAsync(request, default);

        var attempts = yooKassa.Server.RequestsTo("/v3/payments");
        Assert.Equal(4, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(request.PaymentId.ToString(), a.Header("Idempotence-Key")));
        Assert.Equal(start.ProviderPaymentId, again.ProviderPaymentId);
        Assert.Equal(1, yooKassa.PaymentsCreated);
    }

    [Fact]
    public async Task StartAsync_WhenYooKassaRejectsTheRequest_ThrowsNonTransientWithoutRetrying()
    {
        var error = await Assert.ThrowsAsync<PaymentProviderRejectedException>(() => Provider.StartAsync(Payment(amount: 0), default));

        Assert.Equal(400, error.HttpStatus);
        Assert.Equal("invalid_request", error.ProviderCode);
        Assert.Single(yooKassa.Server.RequestsTo("/v3/payments"));
    }

    [Fact]
    public async Task StartAsync_WhenCredentialsAreWrong_ThrowsNonTransient()
    {
        using var wrong = Host(("SecretKey", "not-the-secret"));

        var error = await Assert.ThrowsAsync<PaymentProviderRejectedException>(() => wrong.Provider("yookassa").StartAsync(Payment(), default));

        Assert.Equal(401, error.HttpStatus);
        Assert.Equal("invalid_credentials", error.ProviderCode);
    }

    [Fact]
    public async Task StartAsync_WhenYooKassaKeepsFailing_ThrowsTransientAfterRetries()
    {
        yooKassa.Server.FailNext(10, HttpStatusCode.BadGateway);

        var error = await Assert.ThrowsAsync<PaymentProviderUnavailableException>(() => Provider.StartAsync(Payment(), default));

        Assert.Equal(502, error.HttpStatus);
        Assert.Equal(4, yooKassa.Server.RequestsTo("/v3/payments").Count);
    }

    [Fact]
    public async Task StartAsync_WhenFailuresOpenTheCircuit_FailsFastWithoutCallingYooKassa()
    {
        using var fragile = Host(("Resilience:CircuitBreaker:MinimumThroughput", "2"), ("Resilience:CircuitBreaker:BreakDuration", "00:01:00"));
        yooKassa.Server.FailNext(100, HttpStatusCode.ServiceUnavailable);
        await Assert.ThrowsAsync<PaymentProviderUnavailableException>(() => fragile.Provider("yookassa").StartAsync(Payment(), default));
        var callsBefore = yooKassa.Server.Requests.Count;

        var error = await Assert.ThrowsAsync<PaymentProviderUnavailableException>(() => fragile.Provider("yookassa").StartAsync(Payment(), default));

        Assert.Contains("circuit open", error.Message, StringComparison.Ordinal);
        Assert.Equal(callsBefore, yooKassa.Server.Requests.Count);
    }

    [Fact]
    public async Task RefundAsync_WhenCalled_SendsRefundIdAsIdempotenceKeyAndReportsCompletion()
    {
        var payment = Payment();
        var start = await Provider.StartAsync(payment, default);
        var refundId = Guid.NewGuid();

        var result = await Provider.RefundAsync(new ProviderRefundRequest(refundId, payment.PaymentId, start.ProviderPaymentId, 225_050, "RUB"), default);

        var sent = Assert.Single(yooKassa.Server.RequestsTo("/v3/refunds"));
        Assert.Equal(refundId.ToString(), sent.Header("Idempotence-Key"));
        var body = JsonDocument.Parse(sent.Body).RootElement;
        Assert.Equal(start.ProviderPaymentId, body.GetProperty("payment_id").GetString());
        Assert.Equal("2250.50", body.GetProperty("amount").GetProperty("value").GetString());
        Assert.True(result.Completed);
    }

    [Fact]
    public async Task RefundAsync_WhenYooKassaReportsPending_ReportsNotCompleted()
    {
        var payment = Payment();
        var start = await Provider.StartAsync(payment, default);
        yooKassa.RefundStatus = "pending";

        var result = await Provider.RefundAsync(new ProviderRefundRequest(Guid.NewGuid(), payment.PaymentId, start.ProviderPaymentId, 100, "RUB"), default);

        Assert.False(result.Completed);
    }

    private Task<WebhookVerdict> Notify(byte[] body, IPAddress from) =>
        Provider.ReadWebhookAsync(Webhooks.Incoming(body, from), new FakePaymentLookup(), default);

    private async Task<(ProviderPaymentRequest Request, string Id)> StartedPayment()
    {
        var request = Payment();
        return (request, (await Provider.StartAsync(request, default)).ProviderPaymentId);
    }

    [Fact]
    public async Task ReadWebhookAsync_WhenSenderIsOutsideTheAllowlist_RejectsWithoutAskingYooKassa()
    {
        var (_, id) = await StartedPayment();
        yooKassa.SetStatus(id, "succeeded");

        var verdict = await Notify(FakeYooKassa.Notification("payment.succeeded", id, "succeeded"), IPAddress.Parse("203.0.113.9"));

        Assert.False(verdict.Accepted);
        Assert.Equal(403, verdict.StatusCode);
        Assert.Empty(yooKassa.Server.RequestsTo($"/v3/payments/{id}"));
    }

    [Fact]
    public async Task ReadWebhookAsync_WhenSenderAddressIsUnknown_Rejects()
    {
        var verdict = await Provider.ReadWebhookAsync(
            new IncomingWebhook(FakeYooKassa.Notification("payment.succeeded", "x", "succeeded"), new Dictionary<string, string>(), null, DateTimeOffset.UtcNow),
            new FakePaymentLookup(), default);

        Assert.Equal(403, verdict.StatusCode);
    }

    [Theory]
    [InlineData("185.71.76.7")]
    [InlineData("::ffff:77.75.153.100")]
    [InlineData("77.75.156.35")]
    [InlineData("2a02:5180:0:1::5")]
    public async Task ReadWebhookAsync_WhenPaymentSucceededFromADocumentedSender_ReturnsSucceededFromTheFetchedPayment(string sender)
    {
        var (request, id) = await StartedPayment();
        yooKassa.SetStatus(id, "succeeded");

        var verdict = await Notify(FakeYooKassa.Notification("payment.succeeded", id, "succeeded"), IPAddress.Parse(sender));

        Assert.True(verdict.Accepted);
        Assert.Equal(WebhookEventKind.Succeeded, verdict.Kind);
        Assert.Equal(request.PaymentId, verdict.PaymentId);
        Assert.Equal(id, verdict.ProviderPaymentId);
        Assert.Equal(450_000, verdict.AmountMinor); // the fetched amount, not the 1.00 the notification claimed
        Assert.Equal("RUB", verdict.Currency);
        Assert.Equal($"payment:{id}:succeeded", verdict.ProviderEventId);
        Assert.Single(yooKassa.Server.RequestsTo($"/v3/payments/{id}"));
    }

    [Fact]
    public async Task ReadWebhookAsync_WhenNotificationClaimsSuccessButThePaymentIsPending_DoesNotReportSuccess()
    {
        var (_, id) = await StartedPayment();

        var verdict = await Notify(FakeYooKassa.Notification("payment.succeeded", id, "succeeded"), YooKassaSender);

        Assert.True(verdict.Accepted);
        Assert.Equal(WebhookEventKind.Ignored, verdict.Kind);
    }

    [Fact]
    public async Task ReadWebhookAsync_WhenNotificationClaimsCanceledButThePaymentSucceeded_TheFetchedStatusWins()
    {
        var (_, id) = await StartedPayment();
        yooKassa.SetStatus(id, "succeeded");

        var verdict = await Notify(FakeYooKassa.Notification("payment.canceled", id, "canceled"), YooKassaSender);

        Assert.Equal(WebhookEventKind.Succeeded, verdict.Kind);
    }

    [Fact]
    public async Task ReadWebhookAsync_WhenThePaymentWasCanceled_ReturnsFailedWithTheReason()
    {
        var (_, id) = await StartedPayment();
        yooKassa.SetStatus(id, "canceled", "insufficient_funds");

        var verdict = await Notify(FakeYooKassa.Notification("payment.canceled", id, "canceled"), YooKassaSender);

        Assert.Equal(WebhookEventKind.Failed, verdict.Kind);
        Assert.Equal("insufficient_funds", verdict.FailureCode);
    }

    [Fact]
    public async Task ReadWebhookAsync_WhenYooKassaDoesNotKnowThePayment_Rejects()
    {
        var verdict = await Notify(FakeYooKassa.Notification("payment.succeeded", Guid.NewGuid().ToString(), "succeeded"), YooKassaSender);

        Assert.False(verdict.Accepted);
        Assert.Equal(400, verdict.StatusCode);
    }

    [Fact]
    public async Task ReadWebhookAsync_WhenTheReFetchKeepsFailing_AsksYooKassaToDeliverAgain()
    {
        var (_, id) = await StartedPayment();
        yooKassa.Server.FailNext(10, HttpStatusCode.InternalServerError);

        var verdict = await Notify(FakeYooKassa.Notification("payment.succeeded", id, "succeeded"), YooKassaSender);

        Assert.False(verdict.Accepted);
        Assert.Equal(503, verdict.StatusCode);
        Assert.Equal(4, yooKassa.Server.RequestsTo($"/v3/payments/{id}").Count); // GET is safe to retry
    }

    [Fact]
    public async Task ReadWebhookAsync_WhenRefundSucceeded_ReturnsRefundedFromTheFetchedRefund()
    {
        var (request, id) = await StartedPayment();
        var ourRefundId = Guid.NewGuid();
        var refund = await Provider.RefundAsync(new ProviderRefundRequest(ourRefundId, request.PaymentId, id, 100_000, "RUB"), default);

        var verdict = await Notify(FakeYooKassa.Notification("refund.succeeded", refund.ProviderRefundId, "succeeded"), YooKassaSender);

        Assert.Equal(WebhookEventKind.Refunded, verdict.Kind);
        Assert.Equal(refund.ProviderRefundId, verdict.ProviderRefundId);
        Assert.Equal(ourRefundId, verdict.RefundId); // echoed from the refund's metadata: which of KamHub's refunds this is
        Assert.Equal(request.PaymentId, verdict.PaymentId);
        Assert.Equal(id, verdict.ProviderPaymentId);
        Assert.Equal(100_000, verdict.AmountMinor);
    }

    [Fact]
    public async Task ReadWebhookAsync_WhenBodyIsNotANotification_Rejects()
    {
        var verdict = await Notify("not json"u8.ToArray(), YooKassaSender);

        Assert.False(verdict.Accepted);
        Assert.Equal(400, verdict.StatusCode);
    }

    [Fact]
    public async Task ReadWebhookAsync_WhenAllowlistIsConfigured_UsesItInsteadOfTheDocumentedRanges()
    {
        using var custom = Host(("NotificationAllowlist:0", "10.20.0.0/16"));
        var (_, id) = await StartedPayment();
        yooKassa.SetStatus(id, "succeeded");
        var body = FakeYooKassa.Notification("payment.succeeded", id, "succeeded");

        var fromDocumented = await custom.Provider("yookassa").ReadWebhookAsync(Webhooks.Incoming(body, YooKassaSender), new FakePaymentLookup(), default);
        var fromConfigured = await custom.Provider("yookassa").ReadWebhookAsync(Webhooks.Incoming(body, IPAddress.Parse("10.20.3.4")), new FakePaymentLookup(), default);

        Assert.Equal(403, fromDocumented.StatusCode);
        Assert.Equal(WebhookEventKind.Succeeded, fromConfigured.Kind);
    }
}
