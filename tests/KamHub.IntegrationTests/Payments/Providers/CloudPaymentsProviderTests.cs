using System.Net;
using System.Text;
using System.Text.Json;
using KamHub.IntegrationTests.Payments.Providers.Fakes;
using KamHub.Payments.Providers;
using KamHub.Payments.Providers.Http;

namespace KamHub.IntegrationTests.Payments.Providers;

public sealed class CloudPaymentsProviderTests : IAsyncLifetime
{
    private const string Section = "KamHub:Payments:CloudPayments";
    private FakeCloudPayments cloud = null!;
    private ProviderHost host = null!;

    public async Task InitializeAsync()
    {
        cloud = await FakeCloudPayments.StartAsync();
        host = Host();
    }

    public async Task DisposeAsync()
    {
        host.Dispose();
        await cloud.DisposeAsync();
    }

    private ProviderHost Host(params (string Key, string Value)[] extra)
    {
        var settings = ProviderHost.FastRetries(Section);
        settings[$"{Section}:PublicId"] = FakeCloudPayments.PublicId;
        settings[$"{Section}:ApiSecret"] = FakeCloudPayments.ApiSecret;
        settings[$"{Section}:ApiBase"] = cloud.Server.BaseAddress.ToString();
        foreach (var (key, value) in extra) settings[$"{Section}:{key}"] = value;
        return ProviderHost.Create(settings);
    }

    private IPaymentProvider Provider => host.Provider("cloudpayments");

    private static ProviderPaymentRequest Payment(long amount = 450_000) => new(
        Guid.NewGuid(), Guid.NewGuid(), "KH-7Q2M", amount, "RUB", "tourist@example.com", "Avachinsky volcano, 1 July",
        DateTimeOffset.UtcNow.AddMinutes(15), "https://kamhub.example/bookings/1");

    [Fact]
    public async Task StartAsync_WhenCalled_CreatesAnOrderForOurInvoiceWithBasicAuthAndRequestId()
    {
        var request = Payment();

        var start = await Provider.StartAsync(request, default);

        var sent = Assert.Single(cloud.Server.RequestsTo("/orders/create"));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{FakeCloudPayments.PublicId}:{FakeCloudPayments.ApiSecret}")), sent.Header("Authorization"));
        Assert.Equal(request.PaymentId.ToString(), sent.Header("X-Request-ID"));
        var body = JsonDocument.Parse(sent.Body).RootElement;
        Assert.Equal(4500.00m, body.GetProperty("Amount").GetDecimal());
        Assert.Equal("RUB", body.GetProperty("Currency").GetString());
        Assert.Equal(request.PaymentId.ToString(), body.GetProperty("InvoiceId").GetString());
        Assert.False(body.GetProperty("RequireConfirmation").GetBoolean());
        Assert.Equal("https://kamhub.example/bookings/1", body.GetProperty("SuccessRedirectUrl").GetString());
        Assert.Equal($"https://orders.cloudpayments.example/d/{start.ProviderPaymentId}", start.RedirectUrl);
    }

    [Fact]
    public async Task StartAsync_WhenCloudPaymentsFailsTwiceWith500_RetriesWithTheSameRequestIdAndCreatesOneOrder()
    {
        cloud.Server.FailNext(2, HttpStatusCode.InternalServerError);
        var request = Payment();

        await Provider.StartAsync(request, default);

        var attempts = cloud.Server.RequestsTo("/orders/create");
        Assert.Equal(3, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(request.PaymentId.ToString(), a.Header("X-Request-ID")));
        Assert.Equal(1, cloud.OrdersCreated);
    }

    [Fact]
    public async Task StartAsync_WhenCloudPaymentsAnswersUnsuccessful_ThrowsNonTransientWithTheMessage()
    {
        var error = await Assert.ThrowsAsync<PaymentProviderRejectedException>(() => Provider.StartAsync(Payment(amount: 0), default));

        Assert.Equal("Amount is required", error.ProviderCode);
        Assert.Single(cloud.Server.RequestsTo("/orders/create"));
    }

    [Fact]
    public async Task StartAsync_WhenCredentialsAreWrong_ThrowsNonTransient()
    {
        using var wrong = Host(("ApiSecret", "wrong"));

        var error = await Assert.ThrowsAsync<PaymentProviderRejectedException>(() => wrong.Provider("cloudpayments").StartAsync(Payment(), default));

        Assert.Equal(401, error.HttpStatus);
    }

    [Fact]
    public async Task StartAsync_WhenCloudPaymentsKeepsFailing_ThrowsTransientAfterRetries()
    {
        cloud.Server.FailNext(10, HttpStatusCode.ServiceUnavailable);

        var error = await Assert.ThrowsAsync<PaymentProviderUnavailableException>(() => Provider.StartAsync(Payment(), default));

        Assert.Equal(503, error.HttpStatus);
        Assert.Equal(4, cloud.Server.RequestsTo("/orders/create").Count);
    }

    [Fact]
    public async Task StartAsync_WhenFailuresOpenTheCircuit_FailsFastWithoutCallingCloudPayments()
    {
        using var fragile = Host(("Resilience:CircuitBreaker:MinimumThroughput", "2"), ("Resilience:CircuitBreaker:BreakDuration", "00:01:00"));
        cloud.Server.FailNext(100, HttpStatusCode.InternalServerError);
        await Assert.ThrowsAsync<PaymentProviderUnavailableException>(() => fragile.Provider("cloudpayments").StartAsync(Payment(), default));
        var callsBefore = cloud.Server.Requests.Count;

        var error = await Assert.ThrowsAsync<PaymentProviderUnavailableException>(() => fragile.Provider("cloudpayments").StartAsync(Payment(), default));

        Assert.Contains("circuit open", error.Message, StringComparison.Ordinal);
        Assert.Equal(callsBefore, cloud.Server.Requests.Count);
    }

    [Fact]
    public async Task RefundAsync_WhenWeHoldTheTransactionNumber_RefundsItWithTheRefundIdAsRequestId()
    {
        var request = Payment();
        var transaction = cloud.Pay(request.PaymentId);
        var refundId = Guid.NewGuid();

        var result = await Provider.RefundAsync(new ProviderRefundRequest(refundId, request.PaymentId, transaction.ToString(), 225_000, "RUB"), default);

        var sent = Assert.Single(cloud.Server.RequestsTo("/payments/refund"));
        Assert.Equal(refundId.ToString(), sent.Header("X-Request-ID"));
        var body = JsonDocument.Parse(sent.Body).RootElement;
        Assert.Equal(transaction, body.GetProperty("TransactionId").GetInt64());
        Assert.Equal(2250m, body.GetProperty("Amount").GetDecimal());
        Assert.True(result.Completed);
        Assert.True(long.TryParse(result.ProviderRefundId, out _));
    }

    [Fact]
    public async Task RefundAsync_WhenWeOnlyHoldTheOrderId_FindsTheTransactionByInvoiceFirst()
    {
        var request = Payment();
        var start = await Provider.StartAsync(request, default);
        var transaction = cloud.Pay(request.PaymentId);

        await Provider.RefundAsync(new ProviderRefundRequest(Guid.NewGuid(), request.PaymentId, start.ProviderPaymentId, 100_000, "RUB"), default);

        var find = Assert.Single(cloud.Server.RequestsTo("/payments/find"));
        Assert.Equal(request.PaymentId.ToString(), JsonDocument.Parse(find.Body).RootElement.GetProperty("InvoiceId").GetString());
        Assert.Equal(transaction, JsonDocument.Parse(Assert.Single(cloud.Server.RequestsTo("/payments/refund")).Body).RootElement.GetProperty("TransactionId").GetInt64());
    }

    [Fact]
    public async Task RefundAsync_WhenTheTransactionIsUnknown_ThrowsNonTransient()
    {
        var error = await Assert.ThrowsAsync<PaymentProviderRejectedException>(() =>
            Provider.RefundAsync(new ProviderRefundRequest(Guid.NewGuid(), Guid.NewGuid(), "987654", 100, "RUB"), default));

        Assert.Equal("Transaction not found", error.ProviderCode);
    }

    private static WebhookPaymentState Awaiting(Guid paymentId, long amount = 450_000, bool payable = true) =>
        new(paymentId, "order", amount, "RUB", payable ? "pending" : "expired", payable);

    private Task<WebhookVerdict> Notify(string body, FakePaymentLookup? lookup = null, params (string, string)[] headers) =>
        Provider.ReadWebhookAsync(Webhooks.Incoming(Encoding.UTF8.GetBytes(body), null, headers), lookup ?? new FakePaymentLookup(), default);

    [Fact]
    public async Task ReadWebhookAsync_WhenPayIsSigned_ReturnsSucceededForOurInvoiceAndAnswersCodeZero()
    {
        var paymentId = Guid.NewGuid();
        var body = CloudPaymentsNotifications.Pay(paymentId, 1501, "4500.00");

        var verdict = await Notify(body, new FakePaymentLookup().Add(Awaiting(paymentId)), CloudPaymentsNotifications.Signed(body));

        Assert.True(verdict.Accepted);
        Assert.Equal(WebhookEventKind.Succeeded, verdict.Kind);
        Assert.Equal(paymentId, verdict.PaymentId);
        Assert.Equal("1501", verdict.ProviderPaymentId);
        Assert.Equal(450_000, verdict.AmountMinor);
        Assert.Equal("RUB", verdict.Currency);
        Assert.Equal("pay:1501", verdict.ProviderEventId);
        Assert.Equal("""{"code":0}""", verdict.ResponseBody);
    }

    [Fact]
    public async Task ReadWebhookAsync_WhenOnlyXContentHmacOverTheDecodedBodyIsSent_Accepts()
    {
        var body = CloudPaymentsNotifications.Pay(Guid.NewGuid(), 1502, "10.00");
        var decodedSignature = CloudPaymentsNotifications.Hmac(WebUtility.UrlDecode(body), FakeCloudPayments.ApiSecret);

        var verdict = await Notify(body, null, ("X-Content-HMAC", decodedSignature));

        Assert.Equal(WebhookEventKind.Succeeded, verdict.Kind);
    }

    [Fact]
    public async Task ReadWebhookAsync_WhenTheBodyIsJson_ReadsTheSameFields()
    {
        var paymentId = Guid.NewGuid();
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["TransactionId"] = 1503, ["Amount"] = 4500.00m, ["Currency"] = "RUB", ["Status"] = "Completed", ["OperationType"] = "Payment",
            ["GatewayName"] = "Test", ["TotalFee"] = 0, ["InvoiceId"] = paymentId.ToString(), ["TestMode"] = 1,
        });

        var verdict = await Notify(body, null, ("Content-Type", "application/json"), ("Content-HMAC", CloudPaymentsNotifications.Hmac(body, FakeCloudPayments.ApiSecret)));

        Assert.Equal(WebhookEventKind.Succeeded, verdict.Kind);
        Assert.Equal(paymentId, verdict.PaymentId);
        Assert.Equal(450_000, verdict.AmountMinor);
    }

    [Fact]
    public async Task ReadWebhookAsync_WhenSignedWithAnotherSecret_Rejects()
    {
        var body = CloudPaymentsNotifications.Pay(Guid.NewGuid(), 1504, "4500.00");

        var verdict = await Notify(body, null, CloudPaymentsNotifications.Signed(body, secret: "forged"));

        Assert.False(verdict.Accepted);
        Assert.Equal(401, verdict.StatusCode);
    }

    [Fact]
    public async Task ReadWebhookAsync_WhenTheAmountWasChangedAfterSigning_Rejects()
    {
        var body = CloudPaymentsNotifications.Pay(Guid.NewGuid(), 1505, "4500.00");
        var headers = CloudPaymentsNotifications.Signed(body);

        var verdict = await Notify(body.Replace("4500.00", "45.00", StringComparison.Ordinal), null, headers);

        Assert.False(verdict.Accepted);
        Assert.Equal(401, verdict.StatusCode);
    }

    [Fact]
    public async Task ReadWebhookAsync_WhenUnsigned_Rejects()
    {
        var verdict = await Notify(CloudPaymentsNotifications.Pay(Guid.NewGuid(), 1506, "4500.00"));

        Assert.False(verdict.Accepted);
        Assert.Equal(401, verdict.StatusCode);
    }

    [Fact]
    public async Task ReadWebhookAsync_WhenCheckArrivesForAnAwaitedPayment_AnswersCodeZero()
    {
        var paymentId = Guid.NewGuid();
        var body = CloudPaymentsNotifications.Check(paymentId, 1507, "4500.00");

        var verdict = await Notify(body, new FakePaymentLookup().Add(Awaiting(paymentId)), CloudPaymentsNotifications.Signed(body));

        Assert.True(verdict.Accepted);
        Assert.Equal(WebhookEventKind.Check, verdict.Kind);
        Assert.Equal("""{"code":0}""", verdict.ResponseBody);
    }

    [Fact]
    public async Task ReadWebhookAsync_WhenCheckArrivesAfterTheHoldExpired_AnswersCode20()
    {
        var paymentId = Guid.NewGuid();
        var body = CloudPaymentsNotifications.Check(paymentId, 1508, "4500.00");

        var verdict = await Notify(body, new FakePaymentLookup().Add(Awaiting(paymentId, payable: false)), CloudPaymentsNotifications.Signed(body));

        Assert.True(verdict.Accepted);
        Assert.Equal(WebhookEventKind.Check, verdict.Kind);
        Assert.Equal("""{"code":20}""", verdict.ResponseBody);
    }

    [Fact]
    public async Task ReadWebhookAsync_WhenCheckNamesAnUnknownInvoice_AnswersCode10()
    {
        var body = CloudPaymentsNotifications.Check(Guid.NewGuid(), 1509, "4500.00");

        var verdict = await Notify(body, new FakePaymentLookup(), CloudPaymentsNotifications.Signed(body));

        Assert.Equal("""{"code":10}""", verdict.ResponseBody);
    }

    [Fact]
    public async Task ReadWebhookAsync_WhenCheckAmountDiffersFromThePayment_AnswersCode12()
    {
        var paymentId = Guid.NewGuid();
        var body = CloudPaymentsNotifications.Check(paymentId, 1510, "45.00");

        var verdict = await Notify(body, new FakePaymentLookup().Add(Awaiting(paymentId)), CloudPaymentsNotifications.Signed(body));

        Assert.Equal("""{"code":12}""", verdict.ResponseBody);
    }

    [Fact]
    public async Task ReadWebhookAsync_WhenFailArrives_ReturnsFailedWithTheReason()
    {
        var paymentId = Guid.NewGuid();
        var body = CloudPaymentsNotifications.Fail(paymentId, 1511, "4500.00");

        var verdict = await Notify(body, null, CloudPaymentsNotifications.Signed(body));

        Assert.Equal(WebhookEventKind.Failed, verdict.Kind);
        Assert.Equal(paymentId, verdict.PaymentId);
        Assert.Equal("InsufficientFunds", verdict.FailureCode);
        Assert.Equal("""{"code":0}""", verdict.ResponseBody);
    }

    [Fact]
    public async Task ReadWebhookAsync_WhenRefundArrives_ReturnsRefundedWithBothTransactionNumbers()
    {
        var paymentId = Guid.NewGuid();
        var body = CloudPaymentsNotifications.Refund(paymentId, refundTransactionId: 1600, paymentTransactionId: 1512, "1000.50");

        var verdict = await Notify(body, new FakePaymentLookup().Add(Awaiting(paymentId)), CloudPaymentsNotifications.Signed(body));

        Assert.Equal(WebhookEventKind.Refunded, verdict.Kind);
        Assert.Equal("1600", verdict.ProviderRefundId);
        Assert.Equal("1512", verdict.ProviderPaymentId);
        Assert.Equal(100_050, verdict.AmountMinor);
        Assert.Equal("RUB", verdict.Currency);
    }
    [Fact]
    public async Task ReadWebhookAsync_WhenPayReportsAnAuthorizedHoldOnly_DoesNotReportSuccess()
    {
        var body = CloudPaymentsNotifications.Pay(Guid.NewGuid(), 1513, "4500.00").Replace("Status=Completed", "Status=Authorized", StringComparison.Ordinal);

        var verdict = await Notify(body, null, CloudPaymentsNotifications.Signed(body));

        Assert.True(verdict.Accepted);
        Assert.Equal(WebhookEventKind.Ignored, verdict.Kind);
        Assert.Equal("""{"code":0}""", verdict.ResponseBody);
    }
}
